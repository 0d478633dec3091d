package parapet.lib_test

import data.parapet.lib

test_finding_from_a_resource if {
	lib.finding({"id": "arn:aws:s3:::b"}, "m", {"k": 1}) == {"msg": "m", "resource": "arn:aws:s3:::b", "evidence": {"k": 1}}
}

test_finding_from_an_id if {
	lib.finding("arn:aws:s3:::b", "m", {}) == {"msg": "m", "resource": "arn:aws:s3:::b", "evidence": {}}
}

test_show_renders_values_as_text if {
	lib.show("on") == "on"
	lib.show(null) == "null"
	lib.show(false) == "false"
	lib.show(13) == "13"
	lib.show(["a", 1]) == "[\"a\",1]"
}

test_fmt_s_prints_as_sprintf_percent_s if {
	every x in ["text", "", 12, 1.5, true, null, ["a", 1], {"k": "v"}] {
		lib.fmt_s(x) == sprintf("%s", [x])
	}
	concat("", ["a ", lib.fmt_s("b"), " ", lib.fmt_s(3)]) == sprintf("a %s %s", ["b", 3])
}
