"""Full-text search over everything published (条例 Art. 24: 检索、查阅、下载).

- ``registry``: each kind of published record registers how it is searched;
- ``index``: ``sync_object`` / ``remove_object`` / ``rebuild`` keep the index equal to what is
  public;
- ``selectors.search``: queries, filters, ranking, snippets and “您是不是要找”;
- ``backends``: SQLite FTS5 and PostgreSQL tsvector behind one interface;
- ``domain``: segmentation, query parsing and highlighting, without Django.

See docs/subsystems/search.md.
"""
