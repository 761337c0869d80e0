"""The 政府信息公开指南 of a unit, generated from its facts (条例 Art. 12).

Art. 12 asks the guide to state how information is classified and arranged, how to obtain it,
and the disclosure office's name, address, office hours, telephone, fax and internet contact.
Each unit may add its own text below (``Unit.guide_supplement``).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.models import Unit

NOT_SET = "（尚未填写）"


@dataclass(frozen=True)
class GuideSection:
    title: str
    paragraphs: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


def guide_sections(unit: Unit) -> list[GuideSection]:
    supervising = unit.effective_supervising_office()
    office = unit.disclosure_office or unit.name
    sections = [
        GuideSection(
            "一、政府信息的分类与编排",
            (
                f"{unit.name}主动公开的政府信息，按“政府信息公开指南”“政府信息公开制度”"
                "“法定主动公开内容”“政府信息公开年报”“依申请公开”等栏目编排；"
                "法定主动公开内容按主题分类和标准目录排列，每条信息标注索引号、名称、内容概述和生成日期。",
            ),
        ),
        GuideSection(
            "二、获取政府信息的方式",
            (
                "（一）主动公开。属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内"
                "通过本平台公开（《政府信息公开条例》第二十六条），也可在政务服务中心等公开查阅点查阅。",
                "（二）依申请公开。公民、法人或者其他组织可以通过本平台在线申请，或者以当面提交、"
                "邮寄、传真等书面形式向本单位政府信息公开工作机构提出申请；书面形式确有困难的，"
                "可以口头提出，由工作机构代为填写（第二十九条）。",
                "申请内容应包括：申请人的姓名或者名称、身份证明、联系方式；所需政府信息的名称、"
                "文号或者便于查询的其他特征性描述；获取信息的形式要求（第二十九条）。",
                "能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
                "需要延长的，经工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日"
                "（第三十三条）。依申请提供政府信息不收取费用；申请数量、频次明显超过合理范围的，"
                "可依法收取信息处理费（第四十二条）。",
            ),
        ),
        GuideSection(
            "三、政府信息公开工作机构",
            facts=(
                ("机构名称", office),
                ("办公地址", unit.address or NOT_SET),
                ("邮政编码", unit.postcode or NOT_SET),
                ("办公时间", unit.office_hours or NOT_SET),
                ("联系电话", unit.phone or NOT_SET),
                ("传真号码", unit.fax or NOT_SET),
                ("互联网联系方式", unit.web_contact or NOT_SET),
            ),
        ),
        GuideSection(
            "四、监督和救济",
            (
                "公民、法人或者其他组织认为本单位在政府信息公开工作中侵犯其合法权益的，可以向"
                f"{supervising.name if supervising else '上一级政府信息公开工作主管部门'}投诉、举报，"
                "也可以依法申请行政复议（自知道之日起60日内）或者提起行政诉讼（自知道之日起6个月内）"
                "（第五十一条）。",
            ),
        ),
    ]
    if unit.guide_supplement.strip():
        sections.append(
            GuideSection(
                "五、其他说明",
                tuple(p.strip() for p in unit.guide_supplement.splitlines() if p.strip()),
            )
        )
    return sections
