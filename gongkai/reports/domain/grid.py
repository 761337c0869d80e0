"""Tables 二, 三 and 四 laid out as the format prints them: rows of cells with merged headers.

One grid feeds every renderer (HTML, .docx, PDF), so they cannot disagree about where a number
goes. Number cells carry the key of the value they show, which the admin uses to highlight a
failing cell and link it to the records behind it; header cells get ids and number cells the ids
of their headers (WCAG H43: headers for tables whose headers span several rows and columns).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from gongkai.reports.domain import tables as t
from gongkai.reports.domain.layout import (
    LAWSUIT_LABEL,
    TABLE2_BLOCKS,
    TABLE2_ROW_HEADER,
    TABLE3_APPLICANT_HEADING,
    TABLE3_BALANCE_NOTE,
    TABLE3_COLUMN_LAYOUT,
    TABLE3_ROW_LAYOUT,
    TABLE4_COLUMN_LABELS,
    TABLE4_GROUP_LAYOUT,
)

TABLE2, TABLE3, TABLE4 = "table2", "table3", "table4"
CellKey = tuple[str, str, str]
"""(table, row or group, column)."""


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    header: bool = False
    key: CellKey | None = None
    id: str = ""
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grid:
    table: str
    columns: int
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int
    """How many of the first rows are column headers (a <thead>)."""
    column_widths: tuple[int, ...] = field(default=())
    """Relative widths, for .docx and print."""


def number_text(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        # 万元 as entered, without trailing zeros: 12.5, not 12.5000; 0 for nothing.
        text = format(value.normalize(), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".")
    return str(value)


def positioned(grid: Grid) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every cell, skipping the places merged cells above or left cover."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(grid.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed


def _with_header_ids(grid: Grid) -> Grid:
    """Header cells get ids; each number cell lists its row headers (to its left) and its column
    headers: the run of all-header rows nearest above it (table 二 repeats its headers per block)."""
    placed = positioned(grid)
    cover: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for r, c, cell in placed:
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                cover[(r + dr, c + dc)] = (r, c, cell)
    ident = {(r, c): f"{grid.table}-h{r}-{c}" for r, c, cell in placed if cell.header}
    header_row = [
        all(cover[(r, c)][2].header for c in range(grid.columns) if (r, c) in cover)
        for r in range(len(grid.rows))
    ]

    def column_headers(r: int, c: int) -> list[str]:
        above = r - 1
        while above >= 0 and not header_row[above]:
            above -= 1
        found: list[str] = []
        while above >= 0 and header_row[above]:
            r0, c0, _ = cover[(above, c)]
            if ident[(r0, c0)] not in found:
                found.insert(0, ident[(r0, c0)])
            above = r0 - 1
        return found

    rows: list[list[Cell]] = [[] for _ in grid.rows]
    for r, c, cell in placed:
        if cell.header:
            cell = replace(cell, id=ident[(r, c)])
        else:
            row_headers = [
                name
                for (r0, c0), name in ident.items()
                if c0 < c and r0 <= r < r0 + cover[(r0, c0)][2].rowspan
            ]
            cell = replace(cell, headers=(*column_headers(r, c), *row_headers))
        rows[r].append(cell)
    return replace(grid, rows=tuple(tuple(row) for row in rows))


# --- Table 二 -------------------------------------------------------------------------------


def table2_grid(table: t.Table2) -> Grid:
    rows: list[tuple[Cell, ...]] = []
    for block in TABLE2_BLOCKS:
        rows.append((Cell(block.label, colspan=4, header=True),))
        span = 3 // len(block.columns)
        rows.append(
            (
                Cell(TABLE2_ROW_HEADER, header=True),
                *(Cell(label, colspan=span, header=True) for _, label in block.columns),
            )
        )
        for row_key, row_label in block.rows:
            rows.append(
                (
                    Cell(row_label, header=True),
                    *(
                        Cell(
                            number_text(table[row_key][column]),
                            colspan=span,
                            key=(TABLE2, row_key, column),
                        )
                        for column, _ in block.columns
                    ),
                )
            )
    return _with_header_ids(Grid(TABLE2, 4, tuple(rows), 0, (3, 2, 2, 2)))


# --- Table 三 -------------------------------------------------------------------------------


def _table3_head() -> tuple[tuple[Cell, ...], ...]:
    organisations = [c for c in TABLE3_COLUMN_LAYOUT if c.group]
    second: list[Cell] = []
    for column in TABLE3_COLUMN_LAYOUT:
        if column.group is None:
            second.append(Cell(column.label, rowspan=2, header=True))
        elif column is organisations[0]:
            second.append(Cell(column.group, colspan=len(organisations), header=True))
    return (
        (
            Cell(TABLE3_BALANCE_NOTE, colspan=3, rowspan=3, header=True),
            Cell(TABLE3_APPLICANT_HEADING, colspan=len(TABLE3_COLUMN_LAYOUT), header=True),
        ),
        tuple(second),
        tuple(Cell(column.label, header=True) for column in organisations),
    )


def table3_grid(table: t.Table3) -> Grid:
    """Three label columns as the format has them: 三、本年度办理结果 down the left of every result
    row, the category (（三）不予公开 …) beside its numbered items, which hold the numbers."""

    def numbers(row_key: str) -> tuple[Cell, ...]:
        return tuple(
            Cell(str(table[row_key][c.key]), key=(TABLE3, row_key, c.key))
            for c in TABLE3_COLUMN_LAYOUT
        )

    layout = list(TABLE3_ROW_LAYOUT)
    result_rows = sum(1 for r in layout if r.key is not None and r.level > 0)
    body: list[tuple[Cell, ...]] = []
    pending: list[Cell] = []  # headings that start on the next body row
    for position, row in enumerate(layout):
        if row.level == 0 and row.key is not None:
            body.append((Cell(row.label, colspan=3, header=True), *numbers(row.key)))
        elif row.level == 0:
            pending.append(Cell(row.label, rowspan=result_rows, header=True))
        elif row.key is None:
            items = 0
            for later in layout[position + 1 :]:
                if later.level != 2:
                    break
                items += 1
            pending.append(Cell(row.label, rowspan=items, header=True))
        else:
            label = Cell(row.label, colspan=2 if row.level == 1 else 1, header=True)
            body.append((*pending, label, *numbers(row.key)))
            pending = []
    head = _table3_head()
    widths = (2, 2, 5, *(1 for _ in TABLE3_COLUMN_LAYOUT))
    grid = Grid(TABLE3, 3 + len(TABLE3_COLUMN_LAYOUT), (*head, *body), len(head), widths)
    return _with_header_ids(grid)


# --- Table 四 -------------------------------------------------------------------------------


def table4_grid(table: t.Table4) -> Grid:
    width = len(t.TABLE4_COLUMNS)
    lawsuits = [g for g in TABLE4_GROUP_LAYOUT if g.parent]
    review = next(g for g in TABLE4_GROUP_LAYOUT if not g.parent)
    head = (
        (
            Cell(review.label, colspan=width, header=True),
            Cell(LAWSUIT_LABEL, colspan=width * len(lawsuits), header=True),
        ),
        (
            *(Cell(TABLE4_COLUMN_LABELS[c], rowspan=2, header=True) for c in t.TABLE4_COLUMNS),
            *(Cell(g.label, colspan=width, header=True) for g in lawsuits),
        ),
        tuple(
            Cell(TABLE4_COLUMN_LABELS[c], header=True) for _ in lawsuits for c in t.TABLE4_COLUMNS
        ),
    )
    numbers = tuple(
        Cell(str(table[g.key][c]), key=(TABLE4, g.key, c))
        for g in TABLE4_GROUP_LAYOUT
        for c in t.TABLE4_COLUMNS
    )
    grid = Grid(TABLE4, width * 3, (*head, numbers), len(head), tuple(1 for _ in range(width * 3)))
    return _with_header_ids(grid)


def cell_of_check(rule: str, row: str, column: str) -> CellKey:
    """The grid key of a cell a check names (checks name (row, column) without the table)."""
    if rule.startswith("table4") or row in t.TABLE4_GROUPS:
        return (TABLE4, row, column)
    if row in t.TABLE2_ROW_COLUMNS:
        return (TABLE2, row, column)
    return (TABLE3, row, column)


def mark(
    grid: Grid,
    *,
    failing: frozenset[CellKey] | set[CellKey] = frozenset(),
    url_for: Callable[[CellKey], str | None] | None = None,
) -> list[list[dict]]:
    """The grid as template rows: each cell a dict with its attributes, `failing` and `url`."""
    return [
        [
            {
                "text": cell.text,
                "colspan": cell.colspan,
                "rowspan": cell.rowspan,
                "header": cell.header,
                "id": cell.id,
                "headers": " ".join(cell.headers),
                "key": cell.key,
                "failing": cell.key in failing,
                "url": url_for(cell.key) if url_for and cell.key else None,
            }
            for cell in row
        ]
        for row in grid.rows
    ]


def values_of(grid: Grid) -> Mapping[CellKey, str]:
    """Every number the grid shows, by key (for tests and cross-checks)."""
    return {cell.key: cell.text for row in grid.rows for cell in row if cell.key}
