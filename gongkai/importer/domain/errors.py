"""Domain errors of the importer.

Parsing is forgiving: a text that only looks odd still gives a `ParsedDocument` whose
`warnings` say what was odd. This error is for files that cannot be a document at all.
"""


class NotADocumentError(ValueError):
    """The file holds no document text (empty, binary, image-only PDF, damaged container).

    `str(error)` is a Chinese message naming the file and the reason, fit to show to staff.
    """

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = filename
        self.reason = reason
        super().__init__(f"“{filename}”不是可以导入的文档：{reason}")
