package parapet.lib.network_test

import data.parapet.lib.network

test_world_cidrs if {
	network.is_world("0.0.0.0/0")
	network.is_world("::/0")
	not network.is_world("10.0.0.0/8")
	not network.is_world("0.0.0.0/1")
}

test_port_ranges if {
	network.port_in_range(22, 22, 22)
	network.port_in_range(22, 0, 65535)
	not network.port_in_range(22, 23, 3388)
	network.admin_ports_in_range(20, 3389) == [22, 3389]
	network.admin_ports_in_range(23, 3388) == []
}
