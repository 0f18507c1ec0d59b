"""Word-level diffs: inline and side-by-side views, folding, escaping, long texts."""

import random

from community.diff import DiffRow, TextDiff, diff_texts


def test_changed_word_is_deleted_and_inserted_inline():
    diff = diff_texts("Le phare est blanc.", "Le phare est rouge.")
    assert diff.inline_html == "Le phare est <del>blanc</del><ins>rouge</ins>."
    assert diff.added_words == 1 and diff.removed_words == 1
    assert not diff.is_identical


def test_added_and_removed_words_are_counted():
    diff = diff_texts("Le vieux phare est blanc.", "Le phare est blanc et rouge.")
    assert "<del>vieux </del>" in diff.inline_html
    assert diff.inline_html == "Le <del>vieux </del>phare est blanc <ins>et rouge</ins>."
    assert diff.removed_words == 1
    assert diff.added_words == 2


def test_newlines_are_preserved_inline():
    diff = diff_texts("Un.\n\nDeux.\nTrois.\n", "Un.\n\nDeux !\nTrois.\n")
    assert diff.inline_html == "Un.\n\nDeux <del>.</del><ins>!</ins>\nTrois.\n"


def test_side_by_side_rows_pair_changed_lines_and_number_them():
    diff = diff_texts("a\nb\nc\n", "a\nB b\nc\nd\n")
    assert diff.rows == [
        DiffRow(left_html="a", right_html="a", kind="equal", left_number=1, right_number=1),
        DiffRow(
            left_html="b",
            right_html="<ins>B </ins>b",
            kind="changed",
            left_number=2,
            right_number=2,
        ),
        DiffRow(left_html="c", right_html="c", kind="equal", left_number=3, right_number=3),
        DiffRow(left_html="", right_html="<ins>d</ins>", kind="added", right_number=4),
    ]


def test_removed_lines_have_no_right_side():
    diff = diff_texts("a\nb\n", "a\n")
    assert diff.rows[-1] == DiffRow(
        left_html="<del>b</del>", right_html="", kind="removed", left_number=2
    )
    assert diff.removed_words == 1


def test_long_unchanged_runs_are_folded_with_two_lines_of_context():
    old = "\n".join(f"ligne {number}" for number in range(1, 31))
    new = old.replace("ligne 15", "ligne quinze")
    rows = diff_texts(old, new).rows
    kinds = [row.kind for row in rows]
    assert kinds == ["skip", "equal", "equal", "changed", "equal", "equal", "skip"]
    assert rows[0].left_html == "… 12 lignes identiques …"
    assert rows[-1].left_html == "… 13 lignes identiques …"
    assert [rows[1].left_number, rows[2].left_number] == [13, 14]
    assert [rows[4].right_number, rows[5].right_number] == [16, 17]
    assert rows[0].left_number is None and rows[0].right_number is None


def test_short_unchanged_runs_are_not_folded():
    old = "\n".join(f"ligne {number}" for number in range(1, 7))
    new = old + "\nligne 7"
    assert [row.kind for row in diff_texts(old, new).rows] == ["equal"] * 6 + ["added"]


def test_unchanged_run_between_changes_keeps_context_on_both_sides():
    old = "\n".join(f"ligne {number}" for number in range(1, 13))
    new = old.replace("ligne 1\n", "ligne un\n").replace("ligne 12", "ligne douze")
    kinds = [row.kind for row in diff_texts(old, new).rows]
    assert kinds == ["changed", "equal", "equal", "skip", "equal", "equal", "changed"]


def test_html_is_always_escaped():
    diff = diff_texts(
        "<script>alert(1)</script> & <b>gras</b>", "<script>alert(2)</script> & <i>x</i>"
    )
    for html in [diff.inline_html] + [row.left_html + row.right_html for row in diff.rows]:
        assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in diff.inline_html
    assert "&amp;" in diff.inline_html


def test_identical_texts():
    text = "\n".join(f"ligne {number}" for number in range(1, 21))
    diff = diff_texts(text, text)
    assert diff.is_identical
    assert diff.added_words == diff.removed_words == 0
    assert "<del>" not in diff.inline_html and "<ins>" not in diff.inline_html
    assert diff.inline_html == text
    assert [row.kind for row in diff.rows] == ["skip"]
    assert diff.rows[0].left_html == "… 20 lignes identiques …"


def test_windows_newlines_do_not_count_as_changes():
    assert diff_texts("a\r\nb\r\n", "a\nb\n").is_identical


def test_empty_texts():
    assert diff_texts("", "") == TextDiff(inline_html="", rows=[], is_identical=True)
    created = diff_texts("", "Un lavoir.\nDeux.")
    assert created.inline_html == "<ins>Un lavoir.\nDeux.</ins>"
    assert [row.kind for row in created.rows] == ["added", "added"]
    assert created.added_words == 3
    emptied = diff_texts("Un lavoir.", "")
    assert emptied.inline_html == "<del>Un lavoir.</del>"
    assert emptied.removed_words == 2


def test_inline_view_reproduces_the_new_text_without_deletions():
    generator = random.Random(3)
    vocabulary = ["le", "lavoir", ",", "du", "\n", "bourg", ".", "  ", "é", "<b>", "&"]
    for _ in range(50):
        old = " ".join(generator.choice(vocabulary) for _ in range(40))
        new = " ".join(generator.choice(vocabulary) for _ in range(40))
        inline = diff_texts(old, new).inline_html
        without_deletions = _strip(inline, "del")
        assert _unescape(without_deletions.replace("<ins>", "").replace("</ins>", "")) == new


def _strip(html, tag):
    while f"<{tag}>" in html:
        start = html.index(f"<{tag}>")
        end = html.index(f"</{tag}>", start) + len(f"</{tag}>")
        html = html[:start] + html[end:]
    return html


def _unescape(html):
    import html as html_module

    return html_module.unescape(html)


def _long_text(size: int, seed: int) -> str:
    generator = random.Random(seed)
    words = "le la de du pont lavoir chapelle moulin rivière Kerlann bourg école , . et à".split()
    paragraphs, length = [], 0
    while length < size:
        paragraph = " ".join(generator.choice(words) for _ in range(generator.randint(20, 200)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def test_500_kb_texts_with_local_edits_are_word_level():
    old = _long_text(500_000, seed=1)
    paragraphs = old.split("\n\n")
    paragraphs[10] = paragraphs[10] + " ajouté"
    paragraphs[-5] = "remplacé " + paragraphs[-5]
    new = "\n\n".join(paragraphs)
    diff = diff_texts(old, new)
    assert diff.added_words == 2 and diff.removed_words == 0
    assert "<ins>ajouté</ins>" in diff.inline_html
    assert "<ins>remplacé </ins>" in diff.inline_html


def test_500_kb_entirely_different_texts_complete():
    old, new = _long_text(500_000, seed=1), _long_text(500_000, seed=2)
    diff = diff_texts(old, new)
    assert diff.added_words > 0 and diff.removed_words > 0


def test_500_kb_single_line_falls_back_without_hanging():
    old = _long_text(500_000, seed=4).replace("\n", " ")
    new = old.replace(" pont ", " PONT ")
    diff = diff_texts(old, new)
    assert diff.rows[0].kind == "changed"
