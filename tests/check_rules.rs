//! Every rule of docs/SPEC.md §1 and every bad input the foundation issue lists, through the library.

use stances::diagnostic::Severity::{Error, Warning};
use stances::testing::project::{Project, at, diagnostics, find, valid};

#[test]
fn the_valid_fixture_has_no_diagnostics() {
    let p = Project::valid();
    let loaded = stances::model::load(&p.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let m = loaded.model.unwrap();
    let c = &m.positions[0].citations[0];
    assert_eq!(m.quote_text(c), "Russia rejected a 30-day ceasefire");
    assert_eq!(m.sentence_text(c), "Russia rejected a 30-day ceasefire.");
    assert_eq!(m.positions[0].line, 21);
}

#[test]
fn toml_syntax_error_has_line_and_column() {
    let d = diagnostics("schema = 1\ntitle = \"x\"\nname = = 3\n");
    let e = find(&d, Error, "TOML syntax");
    assert_eq!(at(e).0, 3);
}

#[test]
fn empty_file_and_binary_garbage() {
    find(&diagnostics(""), Error, "empty");
    find(&diagnostics("  \n\n"), Error, "empty");
    let p = Project::new("");
    p.write("positions.toml", &[0x00, 0xFF, 0x13, 0x37, 0x80, 0x00]);
    let d = p.diagnostics();
    assert!(d[0].is_error() && d[0].message.contains("UTF-8"), "{d:?}");
    p.write("positions.toml", b"\x00\x01\x02schema = 1");
    find(&p.diagnostics(), Error, "binary");
}

#[test]
fn schema_must_be_one() {
    let d = diagnostics(&valid().replace("schema = 1", "schema = 2"));
    let e = find(&d, Error, "unsupported schema `2`");
    assert_eq!(at(e), (1, 10));
    find(
        &diagnostics(&valid().replace("schema = 1", "schema = \"1\"")),
        Error,
        "`schema`",
    );
    find(
        &diagnostics(&valid().replace("schema = 1\n", "")),
        Error,
        "required key `schema`",
    );
}

#[test]
fn missing_title() {
    let d = diagnostics(&valid().replace("title = \"Test talks\"\n", ""));
    let e = find(&d, Error, "required key `title`");
    assert_eq!(
        e.hint.as_deref(),
        Some("add a line like: title = \"Ukraine peace talks, April 2025\"")
    );
}

#[test]
fn unknown_keys_suggest_the_near_name() {
    let d = diagnostics(&valid().replace("summary = ", "sumary = "));
    let e = find(&d, Error, "unknown key `sumary`");
    assert_eq!(at(e), (24, 1));
    assert_eq!(e.hint.as_deref(), Some("did you mean `summary`?"));
    let d = diagnostics(&valid().replace("[sources.a]\n", "[sources.a]\npublsher = \"X\"\n"));
    assert_eq!(
        find(&d, Error, "unknown key `publsher`").hint.as_deref(),
        Some("did you mean `publisher`?")
    );
    let d = diagnostics(&valid().replace("schema = 1", "schema = 1\ncolour = \"red\""));
    assert!(
        find(&d, Error, "unknown key `colour`")
            .hint
            .as_deref()
            .unwrap()
            .contains("allowed keys")
    );
}

#[test]
fn unknown_references_name_the_known_ids() {
    let d = diagnostics(&valid().replace("party = \"ru\"", "party = \"rus\""));
    let e = find(&d, Error, "unknown party `rus`");
    assert_eq!(at(e), (22, 9));
    assert_eq!(e.hint.as_deref(), Some("did you mean `ru`?\nknown: us, ru"));

    let d = diagnostics(&valid().replace("issue = \"ceasefire\"", "issue = \"cesefire\""));
    assert!(
        find(&d, Error, "unknown issue `cesefire`")
            .hint
            .as_deref()
            .unwrap()
            .contains("ceasefire")
    );

    let d = diagnostics(&valid().replace("source = \"a\"", "source = \"b\""));
    assert!(
        find(&d, Error, "unknown source `b`")
            .hint
            .as_deref()
            .unwrap()
            .contains("known: a")
    );

    let d = diagnostics(&valid().replace("stance = \"none\"", "stance = \"nne\""));
    let e = find(
        &d,
        Error,
        "unknown stance `nne`: not a step of the `ceasefire` scale",
    );
    assert!(e.hint.as_deref().unwrap().contains("did you mean `none`?"));

    let d = diagnostics(&valid().replace("stance = \"none\"", "acceptable = [\"full\", \"nada\"]"));
    find(&d, Error, "`nada`");
    let d = diagnostics(&valid().replace("stance = \"none\"", "acceptable = [\"full\"]"));
    find(&d, Error, "[from, to] pair");
}

#[test]
fn enumerated_values_are_checked() {
    let d = diagnostics(&valid().replace("stance = \"none\"", "status = \"propsed\""));
    assert!(
        find(&d, Error, "`status` cannot be `propsed`")
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `proposed`?")
    );
    let d =
        diagnostics(&valid().replace("name = \"Russia\"", "name = \"Russia\"\nkind = \"empire\""));
    find(&d, Error, "`kind` cannot be `empire`");
}

#[test]
fn a_date_given_as_a_string() {
    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = \"2025-04-23\""));
    let e = find(&d, Error, "`as_of` must be a TOML date, not a string");
    assert_eq!(at(e), (25, 9));
    assert_eq!(
        e.hint.as_deref(),
        Some("write the date without quotes: as_of = 2025-04-23")
    );
    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = 2025-04-23T10:00:00"));
    find(&d, Error, "plain date");
}

#[test]
fn an_id_with_spaces() {
    let d = diagnostics(&valid().replace("[parties.us]", "[parties.\"united states\"]"));
    let e = find(&d, Error, "invalid party id `united states`");
    assert!(e.hint.as_deref().unwrap().contains("try `united-states`"));
    let d = diagnostics(&valid().replace("full = ", "\"Full Stop\" = "));
    find(&d, Error, "invalid scale step id");
}

#[test]
fn two_positions_for_the_same_party_issue_and_date() {
    let second = "\n[[position]]\nparty = \"ru\"\nissue = \"ceasefire\"\nsummary = \"Again\"\nas_of = 2025-04-23\n[[position.cite]]\nsource = \"a\"\nquote = \"Putin\"\n";
    let d = diagnostics(&format!("{}{second}", valid()));
    let e = find(
        &d,
        Error,
        "a second position of `ru` on `ceasefire` with as_of 2025-04-23",
    );
    assert_eq!(at(e).0, 32);
    assert!(e.hint.as_deref().unwrap().contains("line 21"));
    // A different date is a timeline, not a duplicate.
    let d = diagnostics(&format!(
        "{}{}",
        valid(),
        second.replace("2025-04-23", "2025-04-20")
    ));
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn quotes_empty_missing_and_ambiguous() {
    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"  \"",
    ));
    find(&d, Error, "the quote is empty");

    let d = diagnostics(&valid().replace("Russia rejected a 30-day", "Russia refused a 30-day"));
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(at(e), (30, 9));
    // One word away from the source's text: re-anchored (issue 13), the fix attached.
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "the source now reads \"Russia rejected a 30-day ceasefire\"\n\
             88% alike; `stances check --fix` shows the change"
        )
    );
    let fix = e.fix.as_deref().unwrap();
    assert_eq!(
        (fix.quote.as_str(), fix.similarity),
        ("Russia rejected a 30-day ceasefire", 88)
    );
    // Further off, no fix: where it departs and the most similar sentence.
    let d = diagnostics(&valid().replace("Russia rejected a 30-day", "Russia refused a long"));
    let e = find(&d, Error, "quote not found in source `a`");
    assert_eq!(
        e.hint.as_deref(),
        Some(
            "it matches up to “…Russia”; then the source has “rejected a 30-day ceasefire. H…” where the quote has “refused a long ceasefire…”\n\
             the most similar sentence of `a` is:\n  Russia rejected a 30-day ceasefire."
        )
    );
    assert_eq!(e.fix, None);
    // Case matters.
    let d = diagnostics(&valid().replace("Russia rejected", "russia rejected"));
    let e = find(&d, Error, "quote not found");
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .starts_with("it is there with other capital letters")
    );

    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"said no\"",
    ));
    let w = find(&d, Warning, "occurs 2 times");
    assert!(w.hint.as_deref().unwrap().contains("prefix"));
    let d = diagnostics(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"said no\"\nprefix = \"She \"",
    ));
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn normalization_allows_spacing_curly_quotes_and_dashes() {
    let p = Project::new(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"Russia  rejected\\na 30\u{2013}day ceasefire\"",
    ));
    let m = stances::model::load(&p.path()).model.expect("loads");
    let c = &m.positions[0].citations[0];
    assert_eq!(m.quote_text(c), "Russia rejected a 30-day ceasefire");
}

#[test]
fn source_files_that_cannot_be_used() {
    let cases: &[(&str, &str)] = &[
        ("missing.txt", "does not exist"),
        ("../positions.toml", "outside the sources directory"),
        ("/etc/hostname", "outside the sources directory"),
        ("sub", "is a directory"),
        (
            "latin1.txt",
            "is not UTF-8 text (invalid byte at line 1, column 4)",
        ),
        ("big.txt", "over the 16 MiB limit"),
    ];
    for (file, needle) in cases {
        let p = Project::new(&valid().replace("file = \"a.txt\"", &format!("file = \"{file}\"")));
        p.write("seeds/sub/x.txt", b"x");
        p.write("seeds/latin1.txt", b"Caf\xE9 \xE9t\xE9");
        let big = std::fs::File::create(p.dir.path().join("seeds/big.txt")).unwrap();
        big.set_len(16 * 1024 * 1024 + 1).unwrap();
        let d = p.diagnostics();
        let e = find(&d, Error, needle);
        assert_eq!(at(e), (17, 8), "{file}");
    }
}

#[test]
fn a_bom_and_crlf_source_is_fine() {
    let p = Project::valid();
    p.write(
        "seeds/a.txt",
        "\u{FEFF}Intro.\r\nRussia rejected a 30-day ceasefire.\r\n".as_bytes(),
    );
    let m = stances::model::load(&p.path()).model.expect("loads");
    let c = &m.positions[0].citations[0];
    let (span, _) = c.place().expect("the quote is found");
    assert_eq!(span.start, "Intro.\r\n".len());
}

#[test]
fn missing_sources_dir() {
    let d = diagnostics(&valid().replace(
        "title = \"Test talks\"",
        "title = \"T\"\nsources_dir = \"texts\"",
    ));
    let e = find(&d, Error, "sources_dir `texts` does not exist");
    assert_eq!(at(e), (3, 15));
    let p = Project::valid();
    std::fs::remove_dir_all(p.dir.path().join("seeds")).unwrap();
    find(
        &p.diagnostics(),
        Error,
        "default sources directory `seeds` does not exist",
    );
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    for deep in [
        "a = ".to_string() + &"[".repeat(50_000),
        "[".repeat(50_000),
        "x = ".to_string() + &"{a=".repeat(50_000),
    ] {
        let d = diagnostics(&deep);
        assert!(
            d.iter().any(stances::diagnostic::Diagnostic::is_error),
            "{d:?}"
        );
    }
}

#[test]
fn warnings_uncited_unused_and_late() {
    let d = diagnostics(&valid().replace(
        "\n[[position.cite]]\nsource = \"a\"\nquote = \"Russia rejected a 30-day ceasefire\"\n",
        "\n",
    ));
    find(&d, Warning, "cites no source");
    find(&d, Warning, "source `a` is not cited");
    assert!(d.iter().all(|d| !d.is_error()), "{d:#?}");

    let d = diagnostics(&valid().replace("as_of = 2025-04-23", "as_of = 2025-05-01"));
    let w = find(
        &d,
        Warning,
        "as_of 2025-05-01 is later than every source citing it",
    );
    assert_eq!(at(w), (25, 9));
}

#[test]
fn the_source_date_line_counts_as_published() {
    let p = Project::new(
        &valid()
            .replace("published = 2025-04-23\n", "")
            .replace("as_of = 2025-04-23", "as_of = 2025-05-01"),
    );
    p.write(
        "seeds/a.txt",
        format!(" date 2025-04-25 {}", stances::testing::project::SOURCE_A).as_bytes(),
    );
    let d = p.diagnostics();
    find(&d, Warning, "latest published 2025-04-25");
}

#[test]
fn a_summary_on_several_lines_is_a_warning() {
    let d = diagnostics(&valid().replace(
        "summary = \"Rejects a 30-day ceasefire\"",
        "summary = \"\"\"Rejects a 30-day\nceasefire\"\"\"",
    ));
    let w = find(&d, Warning, "`summary` spans several lines");
    assert_eq!(at(w), (24, 11));
    assert_eq!(d.len(), 1);
}

#[test]
fn all_errors_are_reported_in_one_run() {
    let d = diagnostics(
        &valid()
            .replace("party = \"ru\"", "party = \"xx\"")
            .replace("name = \"Russia\"", "nam = \"Russia\""),
    );
    assert!(d.len() >= 3, "{d:#?}");
}

/// valid() with a second source `b` (seeds/b.txt, cited by a second position).
fn with_source_b() -> Project {
    let toml = valid().replace(
        "[[position]]",
        "[sources.b]\nfile = \"b.txt\"\ntitle = \"Article B\"\n\n[[position]]",
    ) + "\n[[position]]\nparty = \"us\"\nissue = \"ceasefire\"\nsummary = \"Proposes a truce\"\n\n[[position.cite]]\nsource = \"b\"\nquote = \"Kyiv proposed a truce\"\n";
    let p = Project::new(&toml);
    p.write(
        "seeds/b.txt",
        b"Kyiv proposed a truce on strikes. Talks go on.\n",
    );
    p
}

#[test]
fn a_quote_cited_from_the_wrong_source_names_the_right_one() {
    let p = with_source_b();
    assert!(p.diagnostics().is_empty(), "{:#?}", p.diagnostics());
    let toml = std::fs::read_to_string(p.path())
        .unwrap()
        .replace("source = \"b\"", "source = \"a\"");
    p.write("positions.toml", toml.as_bytes());
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert!(
        e.message
            .ends_with(": the quote is in source `b` (file seeds/b.txt)"),
        "{e:?}"
    );
    assert!(
        e.hint.as_deref().unwrap().contains("source = \"b\""),
        "{e:?}"
    );
    // `check --fix` moves the citation to the source that has the quote word for word.
    let fix = e.fix.as_ref().expect("a fix");
    assert_eq!(fix.source.as_deref(), Some("b"));
    assert_eq!(fix.quote, "Kyiv proposed a truce");
    let out = assert_cmd::Command::cargo_bin("stances")
        .unwrap()
        .args(["check", "--fix"])
        .arg(p.path())
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("-source = \"a\"") && diff.contains("+source = \"b\""),
        "{diff}"
    );
}

#[test]
fn an_unknown_source_with_an_unregistered_file_shows_the_block_to_add() {
    let p = with_source_b();
    p.write(
        "seeds/c.txt",
        b"Talks resumed in Riyadh. Nothing was agreed.\n",
    );
    p.write("seeds/My Notes.txt", b"A note.\n");
    let toml = std::fs::read_to_string(p.path()).unwrap();
    for (id, file, title) in [
        ("c", "c.txt", "Talks resumed in Riyadh."),
        ("my-notes", "My Notes.txt", "A note."),
    ] {
        p.write(
            "positions.toml",
            toml.replace("source = \"b\"", &format!("source = \"{id}\""))
                .as_bytes(),
        );
        let d = p.diagnostics();
        let e = find(&d, Error, &format!("unknown source `{id}`"));
        let hint = e.hint.as_deref().unwrap();
        let want = format!(
            "is in the sources directory but not registered; add it:\n  [sources.{id}]\n  file = \"{file}\"\n  title = \"{title}\"\nknown: a, b"
        );
        assert!(hint.contains(&want), "{hint}");
        assert!(
            hint.starts_with(&p.dir.path().join("seeds").join(file).display().to_string()),
            "{hint}"
        );
    }
    // A file registered under another id is not offered again.
    p.write(
        "positions.toml",
        toml.replace("[sources.b]", "[sources.bee]").as_bytes(),
    );
    let d = p.diagnostics();
    let e = find(&d, Error, "unknown source `b`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `a`?\nknown: a, bee"));
}

#[test]
fn a_cite_written_as_a_table_says_position_cite() {
    let d = diagnostics(&valid().replace("[[position.cite]]", "[position.cite]"));
    let e = find(&d, Error, "must be an array of tables");
    assert_eq!(
        e.message,
        "`cite` in the [[position]] at line 21 must be an array of tables, written [[position.cite]], found a table"
    );
    assert_eq!(at(e), (28, 1));
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("double brackets, [[position.cite]]")
    );
}

#[test]
fn a_cite_before_any_position_is_explained() {
    let head = "schema = 1\ntitle = \"T\"\n\n[[position.cite]]\nsource = \"a\"\nquote = \"q\"\n";
    // Followed by a [[position]]: the TOML layer's "duplicate key", explained.
    let d = diagnostics(&format!(
        "{head}\n[[position]]\nparty = \"us\"\nissue = \"x\"\nsummary = \"s\"\n"
    ));
    let e = find(
        &d,
        Error,
        "a [[position.cite]] comes before any [[position]]",
    );
    assert_eq!(at(e), (4, 1));
    assert!(
        e.hint
            .as_deref()
            .unwrap()
            .contains("belongs to the [[position]] above it")
    );
    // With no [[position]] at all.
    let d = diagnostics(head);
    let e = find(
        &d,
        Error,
        "a [[position.cite]] comes before any [[position]]",
    );
    assert_eq!(at(e), (4, 1));
    assert_eq!(d.len(), 1, "{d:#?}");
    // A real duplicate key keeps the TOML layer's message.
    let d = diagnostics("schema = 1\ntitle = \"T\"\ntitle = \"U\"\n");
    let e = find(&d, Error, "TOML syntax: duplicate key");
    assert_eq!(at(e).0, 3);
}

#[test]
fn a_duplicate_key_elsewhere_is_not_blamed_on_an_early_cite() {
    let d = diagnostics("schema = 1\n[[position.cite]]\nsource = \"a\"\nsource = \"b\"\n");
    let e = find(&d, Error, "TOML syntax: duplicate key");
    assert_eq!(at(e).0, 4);
}

#[test]
fn a_mistyped_quote_is_offered_a_whole_sentence_broken_over_two_lines() {
    let p = Project::new(&valid().replace(
        "quote = \"Russia rejected a 30-day ceasefire\"",
        "quote = \"Kyiv would attend talks only after a full ceasefire\"",
    ));
    p.write(
        "seeds/a.txt",
        b"Russia rejected a 30-day ceasefire and continued its attacks on Ukrainian cities, officials in Kyiv said on Monday.\n\
Zelensky said Kyiv would only attend talks\n\
after a full ceasefire had taken effect.\n\
Moscow did not answer at once, a spokesman said later that day in a short statement.\n",
    );
    let d = p.diagnostics();
    let e = find(&d, Error, "quote not found in source `a`");
    assert!(
        e.hint.as_deref().unwrap().ends_with(
            "the most similar sentence of `a` is:\n  Zelensky said Kyiv would only attend talks after a full ceasefire had taken effect."
        ),
        "{e:?}"
    );
}

#[test]
fn contested_is_a_known_key_holding_a_reason() {
    let marked = valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\ncontested = \"denied the next day\"\n",
    );
    let p = Project::new(&marked);
    let loaded = stances::model::load(&p.path());
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let m = loaded.model.unwrap();
    assert_eq!(
        m.positions[0].contested.as_deref(),
        Some("denied the next day")
    );
    find(
        &diagnostics(&valid().replace(
            "stance = \"none\"\n",
            "stance = \"none\"\ncontested = \" \"\n",
        )),
        Error,
        "`contested` is empty",
    );
    find(
        &diagnostics(&valid().replace(
            "stance = \"none\"\n",
            "stance = \"none\"\ncontested = true\n",
        )),
        Error,
        "`contested`",
    );
    let typo = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\ncontestd = \"x\"\n",
    ));
    let e = find(&typo, Error, "unknown key `contestd`");
    assert!(
        e.hint.as_deref().unwrap_or("").contains("contested"),
        "{e:?}"
    );
}

#[test]
fn an_acceptable_range_without_the_stance_is_a_warning() {
    let d = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\nacceptable = [\"full\", \"full\"]\n",
    ));
    find(&d, Warning, "does not contain the stance `none`");
    let ok = diagnostics(&valid().replace(
        "stance = \"none\"\n",
        "stance = \"none\"\nacceptable = [\"full\", \"none\"]\n",
    ));
    assert!(ok.is_empty(), "{ok:#?}");
}
