"""The unit-scoped roles and what each may do. A role held on a unit covers its whole subtree."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    EDITOR = "editor"  # 录入
    REVIEWER = "reviewer"  # 审核
    CONFIDENTIALITY_REVIEWER = "confidentiality_reviewer"  # 保密审查
    LEADER = "leader"  # 签发
    REQUEST_HANDLER = "request_handler"  # 依申请办理
    DISCLOSURE_OFFICE_HEAD = "disclosure_office_head"  # 政府信息公开工作机构负责人
    SUPERVISING_STAFF = "supervising_staff"  # 政务公开主管部门工作人员
    AUDITOR = "auditor"  # 审计（只读）
    ADMINISTRATOR = "administrator"  # 管理员


ROLE_LABELS: dict[Role, str] = {
    Role.EDITOR: "录入",
    Role.REVIEWER: "审核",
    Role.CONFIDENTIALITY_REVIEWER: "保密审查",
    Role.LEADER: "签发",
    Role.REQUEST_HANDLER: "依申请办理",
    Role.DISCLOSURE_OFFICE_HEAD: "公开工作机构负责人",
    Role.SUPERVISING_STAFF: "政务公开主管部门",
    Role.AUDITOR: "审计（只读）",
    Role.ADMINISTRATOR: "管理员",
}

ALL_ROLES = frozenset(Role)

# Actions are checked by name so that views, commands and services ask the same question.
# Later modules add their own actions here, one line each.
ACTION_ROLES: dict[str, frozenset[Role]] = {
    "unit.view": ALL_ROLES,
    "unit.manage": frozenset({Role.ADMINISTRATOR}),
    "site.manage": frozenset({Role.ADMINISTRATOR}),
    # 各县（区）汇总: the supervising office's figures across the governments below it.
    "rollup.view": frozenset({Role.SUPERVISING_STAFF}),
    "role.manage": frozenset({Role.ADMINISTRATOR}),
    "audit.view": frozenset({Role.AUDITOR, Role.ADMINISTRATOR, Role.SUPERVISING_STAFF}),
    "login.unlock": frozenset({Role.ADMINISTRATOR}),
    "api_key.manage": frozenset({Role.ADMINISTRATOR}),
    "document.view": ALL_ROLES,
    "document.edit": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "document.review": frozenset({Role.REVIEWER}),
    "document.confidentiality_review": frozenset({Role.CONFIDENTIALITY_REVIEWER}),
    "document.sign_off": frozenset({Role.LEADER}),
    "document.publish": frozenset({Role.LEADER, Role.ADMINISTRATOR}),
    "document.override_check": frozenset(
        {Role.REVIEWER, Role.CONFIDENTIALITY_REVIEWER, Role.LEADER}
    ),
    "calendar.manage": frozenset({Role.ADMINISTRATOR}),
    "search.synonyms": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    # Applicant data: the handling unit and the supervising office only (issue: privacy).
    "request.view": frozenset(
        {Role.REQUEST_HANDLER, Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF}
    ),
    "request.handle": frozenset({Role.REQUEST_HANDLER, Role.DISCLOSURE_OFFICE_HEAD}),
    "request.extend": frozenset({Role.DISCLOSURE_OFFICE_HEAD}),  # 条例第三十三条第二款
    "request.export": frozenset({Role.REQUEST_HANDLER, Role.SUPERVISING_STAFF}),
    "request.import": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "request.templates": frozenset({Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "appeal.record": frozenset({Role.REQUEST_HANDLER, Role.DISCLOSURE_OFFICE_HEAD}),
    "report.view": ALL_ROLES,
    "report.edit": frozenset(
        {Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}
    ),
    "report.publish": frozenset(
        {Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}
    ),
    "report.oversee": frozenset({Role.SUPERVISING_STAFF}),  # 条例第四十九条: reports go to it
    "publication_ledger.view": ALL_ROLES - {Role.CONFIDENTIALITY_REVIEWER, Role.REQUEST_HANDLER},
    "task.view": ALL_ROLES,
    "task.report": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "task.close": frozenset({Role.EDITOR, Role.LEADER, Role.ADMINISTRATOR}),
    "task.confirm": frozenset({Role.SUPERVISING_STAFF}),
    "task.manage": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "catalog.view": ALL_ROLES,
    "catalog.edit": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "catalog.file": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "catalog.manage_reference": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "catalog.gaps": ALL_ROLES - {Role.CONFIDENTIALITY_REVIEWER, Role.REQUEST_HANDLER},
    "catalog.powers": frozenset({Role.EDITOR, Role.ADMINISTRATOR}),
    "catalog.functions": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    # Messages (政民互动): a citizen's contact is seen by the unit handling it and the office above.
    "message.view": ALL_ROLES - {Role.CONFIDENTIALITY_REVIEWER, Role.AUDITOR, Role.ADMINISTRATOR},
    "message.handle": frozenset({Role.EDITOR, Role.REQUEST_HANDLER, Role.DISCLOSURE_OFFICE_HEAD}),
    "message.route": frozenset({Role.SUPERVISING_STAFF, Role.DISCLOSURE_OFFICE_HEAD}),
    "message.publish": frozenset({Role.REVIEWER, Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "message.oversee": frozenset({Role.SUPERVISING_STAFF}),
    "message.import": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "qa.edit": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "qa.publish": frozenset({Role.REVIEWER, Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "consultation.view": ALL_ROLES,
    "consultation.edit": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "consultation.publish": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "consultation.require": frozenset({Role.EDITOR, Role.LEADER, Role.SUPERVISING_STAFF}),
    "consultation.oversee": frozenset({Role.SUPERVISING_STAFF}),  # 51号（五）: no sign-off before
    "decision.view": ALL_ROLES,
    "decision.edit": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "decision.publish": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "meeting.manage": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "opinion.view": ALL_ROLES - {Role.CONFIDENTIALITY_REVIEWER, Role.REQUEST_HANDLER},
    "opinion.manage": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF}),
    "opinion.respond": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "supervision.view": ALL_ROLES,
    "supervision.manage": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "supervision.rectify": frozenset(
        {Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}
    ),
    "newmedia.manage": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "assessment.view": ALL_ROLES - {Role.CONFIDENTIALITY_REVIEWER, Role.REQUEST_HANDLER},
    "assessment.manage": frozenset({Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "assessment.object": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "assessment.rectify": frozenset({Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF}),
    "gazette.view": ALL_ROLES,
    "gazette.edit": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "gazette.publish": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD}),
    "policy.view": ALL_ROLES,
    "policy.edit": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "policy.publish": frozenset({Role.LEADER, Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF}),
    # Enterprise profiles hold a contact e-mail: the region's staff who serve enterprises only.
    "enterprise.view": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "enterprise.edit": frozenset({Role.EDITOR, Role.SUPERVISING_STAFF, Role.ADMINISTRATOR}),
    "zone.view": ALL_ROLES,
    "zone.manage": frozenset({Role.EDITOR, Role.DISCLOSURE_OFFICE_HEAD, Role.ADMINISTRATOR}),
    "zone.inspect": frozenset({Role.DISCLOSURE_OFFICE_HEAD, Role.SUPERVISING_STAFF}),
}


def roles_for(action: str) -> frozenset[Role]:
    try:
        return ACTION_ROLES[action]
    except KeyError:
        raise KeyError(f"unknown action {action!r}: add it to ACTION_ROLES") from None
