import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.importer.domain.clean import clean_text
from gongkai.importer.domain.garbled import SENTINEL


def paragraphs(text: str) -> list[str]:
    return clean_text(text)[0]


def test_pinyin_annotations_are_removed_ascii_and_full_width():
    cleaned, warnings = clean_text("時(shí)間和來(lái)源，政(zhèng)府（fǔ）")
    assert cleaned == ["时间和来源，政府"]
    assert "已删除 4 处拼音注音" in warnings


def test_parentheses_that_are_not_pinyin_stay():
    assert paragraphs("推进政府和社会资本合作(PPP)项目（见附件）") == [
        "推进政府和社会资本合作（PPP）项目（见附件）"
    ]


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        # One tone-marked syllable right after a Chinese character is an annotation.
        ("办(bàn)公厅(tīng)", "办公厅"),
        ("办 (bàn) 公 (gōng) 厅 (tīng)", "办公厅"),
        ("绿(lǜ)色", "绿色"),
        ("双(shuāng)创(chuàng)", "双创"),
        ("兰(Lán)州", "兰州"),
        ("嗯(ńg)", "嗯"),
        ("办(ba\u0300n)", "办"),
        # Not an annotation: no tone mark, more than one syllable, not pinyin, or not after
        # a Chinese character.
        ("们(men)", "们（men）"),
        ("政府(zhèngfǔ)网站", "政府（zhèngfǔ）网站"),
        ("咖啡(café)", "咖啡（café）"),
        ("ISO 9001 (à jour)", "ISO 9001 (à jour)"),
        ("第3(à)款", "第3（à）款"),
    ],
)
def test_only_a_tone_marked_syllable_after_a_chinese_character_is_an_annotation(raw, cleaned):
    assert paragraphs(raw) == [cleaned]


@pytest.mark.parametrize(
    "page_number", ["— 3 —", "-3-", "- 12 -", "—3—", "第 3 页", "第3页 共10页", "3", "3/10"]
)
def test_page_number_lines_are_dropped(page_number):
    assert paragraphs(f"第一段。\n{page_number}\n第二段。") == ["第一段。", "第二段。"]


def test_a_sentence_cut_by_a_page_break_is_joined():
    text = "1. 推进权责清单公开。对照法律法规规章，全面梳理本机\n\n— 3 —\n\n关依法行使的行政权力。"
    assert paragraphs(text) == [
        "1.推进权责清单公开。对照法律法规规章，全面梳理本机关依法行使的行政权力。"
    ]


def test_a_label_cut_by_a_page_break_is_joined():
    text = "直接惠企利民。（责任单\n\n位：省政府办公厅，各市州政府)"
    assert paragraphs(text) == ["直接惠企利民。（责任单位：省政府办公厅，各市州政府）"]


@pytest.mark.parametrize(
    "text",
    [
        "一、总体要求\n2020年全省政务公开工作要以习近平新时代中国特色社会主义思想为指导。",
        "甘肃省人民政府办公厅\n2020年8月19日",
        "关于印发《实施方案》\n各乡（镇）人民政府：",
        "现印发给你们，请认真贯彻执行。\n甘肃省人民政府办公厅",
        "对照法律法规规章，全面梳理\n2.推进机构职能目录公开。",
        "对照法律法规规章，全面梳理\n责任单位：省政府各部门",
    ],
)
def test_lines_that_end_a_title_heading_or_sentence_are_not_joined(text):
    assert paragraphs(text) == text.split("\n")


def test_hard_wrapped_text_is_rejoined_at_full_lines():
    line = "政务公开工作要以新时代中国特色社会主义思想为指导全面贯彻落实"
    text = "\n".join([line, line, line, "全面推进。", "二、工作任务", line, "做好公开。"])
    assert paragraphs(text) == [line * 3 + "全面推进。", "二、工作任务", line + "做好公开。"]


def test_a_paragraph_break_lost_by_a_web_page_is_restored():
    text = "直接惠企利民。　　三、围绕优化营商环境加强政务信息公开"
    assert paragraphs(text) == ["直接惠企利民。", "三、围绕优化营商环境加强政务信息公开"]


def test_punctuation_is_full_width_in_chinese_and_ascii_in_ascii():
    text = "各市、自治州人民政府,兰州新区管委会:见http://www.gansu.gov.cn/a.html?id=1;(三) 围绕"
    assert paragraphs(text) == [
        "各市、自治州人民政府，兰州新区管委会：见http://www.gansu.gov.cn/a.html?id=1；（三）围绕"
    ]


def test_full_width_letters_and_digits_become_half_width():
    assert paragraphs("２０２０年ＩＰｖ６改造，1．推进") == ["2020年IPv6改造，1.推进"]


def test_pdf_radical_and_compatibility_forms_become_ordinary_characters():
    # U+2F8F KANGXI RADICAL WALK and U+F9B4 CJK COMPATIBILITY IDEOGRAPH look like 行 and 零.
    assert paragraphs("⾏政机关\uf9b2") == ["行政机关零"]


def test_spaces_between_chinese_go_but_a_double_space_separates_names():
    assert paragraphs("甘肃省人民政府办公厅关于印发 甘肃省政务公开工作实施方案的通知") == [
        "甘肃省人民政府办公厅关于印发甘肃省政务公开工作实施方案的通知"
    ]
    assert paragraphs("平凉市 2023 年政务公开工作要点") == ["平凉市2023年政务公开工作要点"]
    assert paragraphs("甘肃省财政厅　　甘肃省教育厅") == ["甘肃省财政厅  甘肃省教育厅"]


@pytest.mark.parametrize(
    "written",
    [
        "国办发[2020]17号",
        "国办发(2020)17号",
        "国办发【2020】17号",
        "国办发［2020］17号",
        "国办发（2020）17號",
    ],
)
def test_doc_numbers_in_the_text_are_normalised(written):
    assert paragraphs(f"按照《要点》（{written}）要求。") == [
        "按照《要点》（国办发〔2020〕17号）要求。"
    ]


def test_traditional_text_is_simplified_and_said_so():
    cleaned, warnings = clean_text("甘肅省人民政府辦公廳關於印發政務公開工作要點的通知")
    assert cleaned == ["甘肃省人民政府办公厅关于印发政务公开工作要点的通知"]
    assert any("繁体" in warning for warning in warnings)


def test_simplified_text_is_not_run_through_t2s():
    # t2s would turn 乾 into 干 and 於 into 于; both are also simplified characters.
    assert paragraphs("乾县人民政府於2020年印发") == ["乾县人民政府於2020年印发"]


@pytest.mark.parametrize(
    ("text", "run"),
    [
        ("2016年5月25日\n?。ù思_發布)", "?。ù思_"),
        ("學?;巨k學條件", "?;巨k"),
        ("科目??h、鄉級部門", "??h"),
        ("文字\ufffd\ufffd文字", "\ufffd\ufffd"),
        ("私用\ue123区字符", "\ue123"),
    ],
)
def test_garbled_runs_are_cut_and_reported(text, run):
    cleaned, warnings = clean_text(text)
    assert run not in "".join(cleaned)
    assert any(f"“{run}”" in warning for warning in warnings)


def test_a_cut_run_leaves_a_marker_for_later_steps():
    cleaned, _ = clean_text("?。ň牛┩七M扶貧工作信息公開，推進權力清單。")
    assert cleaned == [f"{SENTINEL}扶贫工作信息公开，推进权力清单。"]


@pytest.mark.parametrize(
    "text",
    ["是否公开?请说明。", "见 http://x.cn/a.jsp?id=3 。", "Gansu Province", "平均值±5％"],
)
def test_ordinary_text_is_not_taken_for_mojibake(text):
    _, warnings = clean_text(text)
    assert not any("乱码" in warning for warning in warnings)


def test_many_garbled_runs_give_a_bounded_number_of_warnings():
    _, warnings = clean_text("正文\ufffd正文。" * 100)
    assert len(warnings) == 21
    assert warnings[-1] == "另有 80 处乱码已删除"


SYLLABLES = st.sampled_from(
    ["bàn", "gōng", "tīng", "shí", "jiān", "lǜ", "shuāng", "zhèng", "fǔ", "ér", "qióng", "Lán"]
)
CHARACTERS = st.sampled_from(list("政府办公厅市县乡镇工作要点通知公开年月日"))
ANNOTATIONS = st.sampled_from(["({})", "（{}）", " ({}) "])


@given(st.lists(st.tuples(CHARACTERS, st.none() | SYLLABLES, ANNOTATIONS), min_size=1))
def test_removing_annotations_keeps_every_character_and_nothing_else(items):
    text = "".join(
        character + (form.format(syllable) if syllable else "")
        for character, syllable, form in items
    )
    assert paragraphs(text) == ["".join(character for character, _, _ in items)]
