# METADATA
# title: Separation of duties
# description: The author of the change, its approvers and the deployer are different people (compared case-insensitively); identities that were not given are not compared.
# custom:
#   owner: compliance
#   severity: high
#   remediation: Have someone other than the author and the deployer approve the change, and deploy through the pipeline rather than as the author.
package changegate.policies.separation_of_duties

author := lower(object.get(input.request, "author", ""))

deployer := lower(object.get(input.request, "deployer", ""))

approvers contains lower(person) if {
	some approval in input.approvals
	approval.status == "approved"
	some person in approval.approvers
}

violation contains v if {
	author != ""
	author in approvers
	v := {"msg": sprintf("%s approved their own change", [input.request.author])}
}

violation contains v if {
	deployer != ""
	deployer in approvers
	v := {"msg": sprintf("%s both approved and deploys the change", [input.request.deployer])}
}

violation contains v if {
	author != ""
	author == deployer
	v := {"msg": sprintf("%s deploys their own change", [input.request.author])}
}
