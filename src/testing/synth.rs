//! A synthetic model for benchmarks: parties × issues × positions per cell, each
//! position citing quotes from sources of a given size. Deterministic (a fixed
//! pseudo-random sequence), so every run writes the same files. Shared by the
//! `gen_model` example and the bench targets.

use std::fmt::Write;
use std::path::Path;

/// The sizes of a synthetic model.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Number of parties (grid columns).
    pub parties: usize,
    /// Number of issues (grid rows).
    pub issues: usize,
    /// Citations per position.
    pub per_cell: usize,
    /// Dated positions per cell (its history).
    pub history: usize,
    /// Number of source files.
    pub sources: usize,
    /// Size of each source, in KiB.
    pub source_kb: usize,
    /// Percentage of quotes broken (so not found as written).
    pub broken_percent: usize,
    /// How each broken quote is broken.
    pub shape: Shape,
}

/// How a broken quote of a synthetic model departs from its source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// Its middle word changed (to `zzword`).
    #[default]
    Changed,
    /// A word (`zzword`) added in its middle.
    Added,
    /// Its middle word dropped.
    Dropped,
    /// Word for word as its source has it, but cited from the next source.
    WrongSource,
    /// The four shapes in turn.
    Mixed,
}

impl Shape {
    /// Every shape, in the order [`Shape::Mixed`] takes them.
    pub const ALL: [Shape; 5] = [
        Shape::Changed,
        Shape::Added,
        Shape::Dropped,
        Shape::WrongSource,
        Shape::Mixed,
    ];

    /// Its name on the command line of `gen_model`.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Changed => "changed",
            Shape::Added => "added",
            Shape::Dropped => "dropped",
            Shape::WrongSource => "wrong-source",
            Shape::Mixed => "mixed",
        }
    }

    /// The shape named `name`, as [`Shape::name`] writes it.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The shape of the `n`-th broken quote.
    fn of(self, n: usize) -> Shape {
        match self {
            Shape::Mixed => Shape::ALL[n % 4],
            one => one,
        }
    }
}

impl Default for Spec {
    /// The model of issue 11: 50 × 200 × 3 citations over 500 sources of 20 KB.
    fn default() -> Self {
        Spec {
            parties: 50,
            issues: 200,
            per_cell: 3,
            history: 1,
            sources: 500,
            source_kb: 20,
            broken_percent: 0,
            shape: Shape::Changed,
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Written {
    /// Number of positions.
    pub positions: usize,
    /// Number of citations.
    pub citations: usize,
    /// Number of broken quotes among them.
    pub broken: usize,
    /// Bytes of positions.toml.
    pub toml_bytes: usize,
    /// Bytes of all sources together.
    pub source_bytes: usize,
}

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 24] = [
    "ra", "mon", "te", "vil", "sa", "dor", "ne", "ka", "lis", "tro", "pe", "gan", "mi", "sul",
    "bo", "ter", "qua", "den", "lo", "fir", "ce", "mar", "du", "ost",
];

/// A vocabulary of `n` distinct made-up words of two or three syllables.
fn vocabulary(n: usize) -> Vec<String> {
    let mut words = Vec::with_capacity(n);
    let mut seen = std::collections::HashSet::new();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    while words.len() < n {
        let k = 2 + rng.below(2);
        let w: String = (0..k)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// One source: sentences of 10–24 words, wrapped at about 72 columns, with curly
/// quotes and dashes here and there. Returns the text and its sentences (each as the
/// list of its words as written), in order.
fn source_text(
    rng: &mut Rng,
    vocab: &[String],
    kb: usize,
    day: usize,
) -> (String, Vec<Vec<String>>) {
    let mut text = format!("date {}\n\n", date(day));
    let mut sentences = Vec::new();
    let mut col = 0;
    while text.len() < kb * 1024 {
        let n = 10 + rng.below(15);
        let ids: Vec<usize> = (0..n).map(|_| rng.below(vocab.len())).collect();
        let mut words = Vec::with_capacity(n);
        for (k, &w) in ids.iter().enumerate() {
            let mut word = vocab[w].clone();
            if k == 0 {
                word[..1].make_ascii_uppercase();
            }
            let piece = match rng.below(40) {
                0 => format!("\u{201c}{word}\u{201d}"),
                1 => format!("{word} \u{2014}"),
                _ => word,
            };
            if col > 0 && col + piece.len() > 72 {
                text.push('\n');
                col = 0;
            } else if col > 0 {
                text.push(' ');
                col += 1;
            }
            col += piece.len();
            text.push_str(&piece);
            words.push(piece);
        }
        text.push('.');
        col += 1;
        if rng.below(6) == 0 {
            text.push_str("\n\n");
            col = 0;
        }
        sentences.push(words);
    }
    text.push('\n');
    (text, sentences)
}

/// Day `n` from 2024-01-01, as YYYY-MM-DD (months of 28 days: every date is valid).
fn date(n: usize) -> String {
    format!(
        "{}-{:02}-{:02}",
        2024 + n / 336,
        1 + (n / 28) % 12,
        1 + n % 28
    )
}

/// Writes positions.toml and `seeds/` into `dir` (created if needed); also
/// `quotes.txt` beside them, one quote per line, for `grep -F -f`.
pub fn write(dir: &Path, spec: &Spec) -> std::io::Result<Written> {
    let seeds = dir.join("seeds");
    std::fs::create_dir_all(&seeds)?;
    let vocab = vocabulary(2000);
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let mut out = Written::default();
    // The last history step is dated on or before every source, so no as_of warning.
    let first_day = spec.history.max(1) * 3;
    let mut texts = Vec::with_capacity(spec.sources);
    for s in 0..spec.sources {
        let (text, sentences) = source_text(&mut rng, &vocab, spec.source_kb, first_day + s % 300);
        std::fs::write(seeds.join(format!("s{s}.txt")), &text)?;
        out.source_bytes += text.len();
        texts.push(sentences);
    }
    let mut t = String::from("schema = 1\ntitle = \"Synthetic benchmark model\"\n");
    for p in 0..spec.parties {
        let _ = write!(t, "\n[parties.p{p}]\nname = \"Party {p}\"\n");
    }
    for i in 0..spec.issues {
        let _ = write!(
            t,
            "\n[issues.i{i}]\nname = \"Issue {i}\"\nquestion = \"What about {i}?\"\n[issues.i{i}.scale]\n"
        );
        for step in 0..5 {
            let _ = writeln!(t, "step{step} = \"Step {step} of issue {i}\"");
        }
    }
    for s in 0..spec.sources {
        let _ = write!(
            t,
            "\n[sources.s{s}]\nfile = \"s{s}.txt\"\ntitle = \"Source {s}\"\npublisher = \"Wire\"\nurl = \"https://example.com/news/{s}\"\n"
        );
    }
    let mut quotes = String::new();
    let mut n = 0usize;
    for i in 0..spec.issues {
        for p in 0..spec.parties {
            for h in 0..spec.history.max(1) {
                let _ = write!(
                    t,
                    "\n[[position]]\nparty = \"p{p}\"\nissue = \"i{i}\"\nsummary = \"Party {p} on issue {i}: holds view {n}, with some words of explanation\"\n\
                     as_of = {}\nstance = \"step{}\"\nstatus = \"stated\"\n",
                    date(h * 3),
                    (n + h) % 5
                );
                for _ in 0..spec.per_cell {
                    let mut s = rng.below(spec.sources);
                    let sentences = &texts[s];
                    let words = &sentences[rng.below(sentences.len())];
                    let len = 6 + rng.below(4);
                    let start = rng.below(words.len() - len + 1);
                    let mut q: Vec<&str> = words[start..start + len]
                        .iter()
                        .map(String::as_str)
                        .collect();
                    // 7919 is prime to 100: exactly `broken_percent` of every 100.
                    if (out.citations * 7919) % 100 < spec.broken_percent {
                        match spec.shape.of(out.broken) {
                            Shape::Changed | Shape::Mixed => q[len / 2] = "zzword",
                            Shape::Added => q.insert(len / 2, "zzword"),
                            Shape::Dropped => {
                                q.remove(len / 2);
                            }
                            // Quotes of the synthetic sources are not in any other.
                            Shape::WrongSource => s = (s + 1) % spec.sources,
                        }
                        out.broken += 1;
                    }
                    let quote = q.join(" ");
                    let _ = write!(
                        t,
                        "\n[[position.cite]]\nsource = \"s{s}\"\nquote = \"{quote}\"\n"
                    );
                    quotes.push_str(&quote);
                    quotes.push('\n');
                    out.citations += 1;
                }
                out.positions += 1;
                n += 1;
            }
        }
    }
    std::fs::write(dir.join("positions.toml"), &t)?;
    std::fs::write(dir.join("quotes.txt"), &quotes)?;
    out.toml_bytes = t.len();
    Ok(out)
}
