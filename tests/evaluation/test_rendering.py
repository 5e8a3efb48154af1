"""Content as learners see it: code keeps its lines, lists are lists, every input has a meaningful name."""

from octet.evaluation import rendering


def test_a_fenced_code_block_keeps_its_lines_and_indentation():
    html = str(
        rendering.markdown_html(
            "Que affiche ce programme ?\n\n```python\nfor i in range(3):\n    print(i)\n```"
        )
    )
    assert "<pre><code>for i in range(3):\n    print(i)\n</code></pre>" in html
    assert "python" not in html.replace("<pre>", "")  # the language tag is not shown as text


def test_a_list_right_under_a_sentence_is_still_a_list():
    html = str(rendering.markdown_html("Deux règles :\n- un mot de passe par site\n- une phrase longue"))
    assert html.count("<li>") == 2
    # Inside a code block nothing is touched.
    code = str(rendering.markdown_html("```\nTotal :\n- 3\n```"))
    assert "<li>" not in code


def test_plain_text_is_what_a_reader_sees():
    assert rendering.plain_text("Ouvrez **`notes.csv`** puis\n[lisez](https://exemple.fr) l'en-tête") == (
        "Ouvrez notes.csv puis lisez l'en-tête"
    )


def test_inputs_are_named_by_the_words_before_them_or_their_label():
    pieces = rendering._pieces(
        "Nom de domaine : ${domaine}\n`chanson.mp3` : ${son§Type du fichier chanson}\n${x}"
    )
    inputs = [p for p in pieces if p.block]
    assert [(p.label, p.number) for p in inputs] == [
        ("Nom de domaine", 1),
        ("Type du fichier chanson", 2),
        ("", 3),  # nothing to say: the template falls back on "Réponse 3", numbered over inputs only
    ]
