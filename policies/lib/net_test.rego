package parapet.lib.net_test

import data.parapet.lib.net

test_world_cidrs if {
	net.is_world("0.0.0.0/0")
	net.is_world("::/0")
	not net.is_world("10.0.0.0/8")
	not net.is_world("0.0.0.0/1")
}

test_port_ranges if {
	net.port_in_range(22, 22, 22)
	net.port_in_range(22, 0, 65535)
	not net.port_in_range(22, 23, 3388)
	net.admin_ports_in_range(20, 3389) == [22, 3389]
	net.admin_ports_in_range(23, 3388) == []
}
