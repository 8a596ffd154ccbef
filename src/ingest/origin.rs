//! Where each metadata value of a new source came from, said in the block
//! `add-source` prints: a comment after the value.

/// Where a metadata value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The document's text; the words it was read from when they are not the value
    /// itself (a dateline), else empty.
    Text(String),
    /// The document's own metadata: what it is (`og:title`, "the PDF's document
    /// information").
    Metadata(&'static str),
    /// The name of the file.
    FileName,
}

impl Origin {
    /// The comment put after a value: `from the text: "Kyiv, 24 April 2025"`.
    pub fn note(&self) -> String {
        match self {
            Origin::Text(words) if words.trim().is_empty() => "from the text".into(),
            Origin::Text(words) => format!(
                "from the text: \"{}\"",
                crate::sanitize::one_line(words).replace('"', "'")
            ),
            Origin::Metadata(what) => format!("from {what}"),
            Origin::FileName => "from the file name".into(),
        }
    }
}

/// Where the title, date, URL and publisher of a document came from, for those it
/// gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origins {
    /// The title's.
    pub title: Option<Origin>,
    /// The date's.
    pub date: Option<Origin>,
    /// The URL's.
    pub url: Option<Origin>,
    /// The publisher's.
    pub publisher: Option<Origin>,
}

/// `block` with a comment after each `key = value` line whose origin is known:
/// `published = 2025-04-24  # from the text: "Kyiv, 24 April 2025"`. The values are
/// one-line TOML strings or dates, so a comment after them is still TOML.
pub fn annotate(block: &str, notes: &[(&str, Option<&Origin>)]) -> String {
    let mut out = String::with_capacity(block.len() + 64);
    for line in block.lines() {
        out.push_str(line);
        let key = line.split_once(" = ").map(|(k, _)| k);
        if let Some((_, Some(origin))) = notes.iter().find(|(k, _)| Some(*k) == key) {
            out.push_str("  # ");
            out.push_str(&origin.note());
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_follow_their_values_and_stay_toml() {
        let block =
            "[sources.x]\nfile = \"x.pdf.txt\"\ntitle = \"A # title\"\npublished = 2025-04-24\n";
        let dateline = Origin::Text("Kyiv, 24 April\n2025 \"x\"".into());
        let title = Origin::Metadata("the PDF's document information");
        let out = annotate(
            block,
            &[
                ("title", Some(&title)),
                ("published", Some(&dateline)),
                ("url", None),
            ],
        );
        assert_eq!(Origin::Text(String::new()).note(), "from the text");
        assert_eq!(Origin::FileName.note(), "from the file name");
        assert_eq!(
            out,
            "[sources.x]\nfile = \"x.pdf.txt\"\ntitle = \"A # title\"  # from the PDF's document information\npublished = 2025-04-24  # from the text: \"Kyiv, 24 April 2025 'x'\"\n"
        );
        let t: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(t["sources"]["x"]["title"].as_str(), Some("A # title"));
    }
}
