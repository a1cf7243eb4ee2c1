package changegate.policies.k8s_test

import data.changegate.policies.k8s_non_root
import data.changegate.policies.k8s_required_labels
import data.changegate.policies.k8s_resources
import data.changegate.policies.k8s_trusted_registries

good_container := {
	"name": "app", "image": "registry.acme.example/app@sha256:aa",
	"resources": {"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"cpu": "1", "memory": "128Mi"}},
	"securityContext": {"runAsNonRoot": true},
}

deployment(labels, containers) := {"request": {"kubernetes": {"object": {
	"kind": "Deployment", "metadata": {"name": "web", "labels": labels},
	"spec": {"template": {"spec": {"containers": containers}}},
}}}}

labels := {"app.kubernetes.io/name": "web", "owner": "payments"}

test_a_well_formed_deployment_passes_every_rule if {
	inp := object.union(deployment(labels, [good_container]), {"params": {"k8s_trusted_registries": {"registries": ["registry.acme.example/"]}}})
	count(k8s_required_labels.violation) == 0 with input as inp
	count(k8s_resources.violation) == 0 with input as inp
	count(k8s_non_root.violation) == 0 with input as inp
	count(k8s_trusted_registries.violation) == 0 with input as inp
}

test_missing_labels_are_named if {
	vs := k8s_required_labels.violation with input as deployment({"app.kubernetes.io/name": "web"}, [good_container])
	vs == {{"msg": "Deployment web lacks the required label owner"}}
}

test_missing_limits_are_named if {
	c := object.remove(good_container, ["resources"])
	vs := k8s_resources.violation with input as deployment(labels, [object.union(c, {"resources": {"requests": {"cpu": "1", "memory": "1Gi"}}})])
	vs == {{"msg": "container app has no cpu limit"}, {"msg": "container app has no memory limit"}}
}

test_root_containers_are_violations if {
	c := object.union(object.remove(good_container, ["securityContext"]), {"securityContext": {"runAsUser": 0}})
	vs := k8s_non_root.violation with input as deployment(labels, [c])
	vs == {{"msg": "container app may run as root: set securityContext.runAsNonRoot"}}
}

test_the_pod_security_context_covers_its_containers if {
	obj := {"kind": "Pod", "metadata": {"name": "p"}, "spec": {"securityContext": {"runAsNonRoot": true}, "containers": [object.remove(good_container, ["securityContext"])]}}
	count(k8s_non_root.violation) == 0 with input as {"request": {"kubernetes": {"object": obj}}}
}

test_untrusted_registries_are_violations if {
	c := object.union(good_container, {"image": "docker.io/library/nginx:latest"})
	inp := object.union(deployment(labels, [c]), {"params": {"k8s_trusted_registries": {"registries": ["registry.acme.example/"]}}})
	vs := k8s_trusted_registries.violation with input as inp
	vs == {{"msg": "container app uses image docker.io/library/nginx:latest from an untrusted registry"}}
}

test_rules_ignore_requests_without_a_workload if {
	count(k8s_resources.violation) == 0 with input as {"request": {"environment": "prod"}}
	count(k8s_non_root.violation) == 0 with input as {"request": {"environment": "prod"}}
}
