package parapet.lib_test

import data.parapet.lib

test_finding_from_a_resource if {
	lib.finding({"id": "arn:aws:s3:::b"}, "m", {"k": 1}) == {"msg": "m", "resource": "arn:aws:s3:::b", "evidence": {"k": 1}}
}

test_finding_from_an_id if {
	lib.finding("arn:aws:s3:::b", "m", {}) == {"msg": "m", "resource": "arn:aws:s3:::b", "evidence": {}}
}
