"""Writes of public participation, one module per part: ``consultations`` (consultations,
their versions and the documents that need one), ``comments`` (comments, moderation, answers
and the published feedback), ``questionnaires``, ``decisions`` (重大行政决策事项目录), ``events``
(meetings open to the public and 政府开放日) and ``opinions`` (政务舆情).

Each service is ``<entity>_<verb>`` with keyword-only arguments, runs in one transaction, checks
``permissions.require`` (``actor=None`` is the system or a citizen on a public form) and writes
one audit entry. Everything the public will read passes the publication gate
(`gongkai.documents.gate`) inside the publishing transaction, so a refusal changes nothing.
"""
