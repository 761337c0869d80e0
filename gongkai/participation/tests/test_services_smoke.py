from gongkai.participation.services.comments import CommentInput, comment_submit_online
from gongkai.participation.services.consultations import consultation_open


def test_smoke(consultation, staff):
    consultation_open(actor=staff["leader"], consultation=consultation)
    done = comment_submit_online(
        consultation=consultation,
        version_number=1,
        data=CommentInput(body="建议提高标准，电话13912345678", article_anchor="a3"),
        submission_key="k1",
    )
    assert done.comment.public_body.count("*") >= 4
