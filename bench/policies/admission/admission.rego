# A small admission-style decision for the decision API benchmark (not a CSPM
# rule): may this workload be admitted? The shape of a Kubernetes
# AdmissionReview request, answered as {allowed, reasons}.
package parapet.bench.admission

allowed_registries := {"registry.example.com/", "ghcr.io/acme/"}

reasons contains sprintf("container %s: image %s is not from an allowed registry", [c.name, c.image]) if {
	some c in input.request.object.spec.containers
	not allowed_image(c.image)
}

reasons contains sprintf("container %s runs privileged", [c.name]) if {
	some c in input.request.object.spec.containers
	c.securityContext.privileged == true
}

reasons contains sprintf("container %s may run as root", [c.name]) if {
	some c in input.request.object.spec.containers
	not c.securityContext.runAsNonRoot == true
}

reasons contains "the workload has no owner label" if {
	not input.request.object.metadata.labels.owner
}

allowed_image(image) if {
	some prefix in allowed_registries
	startswith(image, prefix)
}

decision := {"allowed": count(reasons) == 0, "reasons": reasons}
