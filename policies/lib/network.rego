# METADATA
# title: Network helpers shared by every cloud
# description: World-open CIDRs and port ranges, so "open to the Internet" means the same on AWS, GCP and Azure.
package parapet.lib.network

# Remote administration ports: SSH and RDP.
admin_ports := [22, 3389]

ipv4_world := "0.0.0.0/0"

ipv6_world := "::/0"

# is_world: the CIDR (or address prefix) admits every address of its family.
is_world(cidr) if cidr in {ipv4_world, ipv6_world, "*", "0.0.0.0", "Internet", "Any"}

# port_in_range: from..to (inclusive) contains port.
port_in_range(port, from, to) if {
	from <= port
	port <= to
}

# admin_ports_in_range lists the admin ports that from..to contains.
admin_ports_in_range(from, to) := [p |
	some p in admin_ports
	port_in_range(p, from, to)
]
