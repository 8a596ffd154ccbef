//! The `stances` command line: parses arguments and dispatches to the library.
#![forbid(unsafe_code)]

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use stances::check;
use stances::date::Date;
use stances::diagnostic::Diagnostic;
use stances::export;
use stances::model::{Model, Policy, load};
use stances::sanitize::{escape, path as escape_path};
use stances::source::SourceText;
use stances::view::{Filter, View};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Read and compare negotiating positions, every claim backed by a quote.
#[derive(Parser)]
#[command(
    name = "stances",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The positions file to open [default: ./positions.toml]
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a positions file: references, sources and every quote.
    Check {
        /// The positions file [default: ./positions.toml]
        file: Option<PathBuf>,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Print the corrections of re-anchored quotes as a unified diff of the
        /// positions file to stdout (the file is not changed; apply it with `patch`).
        /// A correction that changes what a quote says is left out.
        #[arg(long, conflicts_with = "format")]
        fix: bool,
        /// With --fix: include the corrections that change what a quote says (a
        /// negation, a number or a party changed), which are otherwise left out.
        #[arg(long, requires = "fix")]
        allow_meaning_change: bool,
    },
    /// Export the comparison table (text, md, csv, html or json).
    Export(ExportArgs),
    /// Print the numbered sentences of one source (`*` marks the cited ones).
    Sentences {
        /// A source id from the positions file, or a path to a text file.
        source: String,
        /// The positions file [default: ./positions.toml]
        file: Option<PathBuf>,
        /// Only the sentences no position cites yet.
        #[arg(long)]
        uncited: bool,
        /// Print JSON: [{n, start, end, text, cited_by}], offsets in code points.
        #[arg(long)]
        json: bool,
    },
    /// What changed between two dates: new positions, moves on a scale, other changes.
    Diff(DiffArgs),
    /// Compare where the parties stand on each issue with a scale: zone, gap, blocking
    /// parties, and how far apart each pair is.
    Compare(CompareArgs),
    /// Turn a web page, PDF, Markdown or text file into a source: shows the clean text
    /// and the [sources.ID] block that registers it, and with --append writes both
    /// (never overwrites). Without --append it is a dry run that writes nothing.
    AddSource(AddSourceArgs),
    /// Start a positions.toml in a folder, declaring the .txt sources it holds if any
    /// (never overwrites).
    Init {
        /// The folder [default: .]
        dir: Option<PathBuf>,
    },
}

/// Arguments of `stances export`.
#[derive(clap::Args)]
struct ExportArgs {
    /// The positions file [default: ./positions.toml]
    file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The view date, YYYY-MM-DD [default: the latest as_of in the file]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Write to PATH (atomically) instead of stdout (`-` is stdout).
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    /// Width of the text table [default: the terminal's, or 100]
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// CSV: one row per citation instead of the wide table.
    #[arg(long)]
    long: bool,
    /// Add the changes since this date, YYYY-MM-DD (not to csv)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    since: Option<Date>,
    /// Only some parties, issues, statuses or confidences, as in `compare --filter`
    #[arg(long, value_name = "TERMS")]
    filter: Option<String>,
    /// Leave out positions below this confidence, as if absent (an unset confidence
    /// counts as moderate)
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_confidence: Option<MinConfidence>,
}

/// Arguments of `stances add-source`.
#[derive(clap::Args)]
struct AddSourceArgs {
    /// The document: .html, .htm, .pdf, .md or .txt
    path: PathBuf,
    /// The source id [default: a slug of the date and title]
    #[arg(long)]
    id: Option<String>,
    /// The title [default: the document's]
    #[arg(long)]
    title: Option<String>,
    /// The publication date, YYYY-MM-DD [default: the document's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    published: Option<Date>,
    /// The URL [default: the document's canonical address]
    #[arg(long)]
    url: Option<String>,
    /// The positions file [default: ./positions.toml]
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Write the text into the sources directory and add the block to the end of the
    /// positions file (atomically, every other byte kept) [default: a dry run]
    #[arg(long)]
    append: bool,
}

/// Arguments of `stances diff`.
#[derive(clap::Args)]
struct DiffArgs {
    /// The positions file [default: ./positions.toml]
    file: Option<PathBuf>,
    /// The earlier date, YYYY-MM-DD [default: the file's date before --to]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    from: Option<Date>,
    /// The later date, YYYY-MM-DD [default: the latest as_of in the file]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    to: Option<Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// Width of the text output [default: the terminal's, or 100]
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// Only some parties, issues, statuses or confidences, as in `compare --filter`
    #[arg(long, value_name = "TERMS")]
    filter: Option<String>,
    /// Leave out positions below this confidence, as if absent (an unset confidence
    /// counts as moderate)
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_confidence: Option<MinConfidence>,
}

/// `--min-confidence`: positions below it count as absent.
#[derive(Clone, Copy, ValueEnum)]
enum MinConfidence {
    /// Every position.
    Low,
    /// Moderate and high (and unset, which counts as moderate).
    Moderate,
    /// High only.
    High,
}

impl From<MinConfidence> for stances::model::Confidence {
    fn from(c: MinConfidence) -> Self {
        match c {
            MinConfidence::Low => stances::model::Confidence::Low,
            MinConfidence::Moderate => stances::model::Confidence::Moderate,
            MinConfidence::High => stances::model::Confidence::High,
        }
    }
}

/// `--format` of `stances export` (the library's [`export::Format`] knows no clap).
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// A plain aligned table.
    Text,
    /// GitHub-flavoured Markdown.
    Md,
    /// RFC 4180 CSV.
    Csv,
    /// One self-contained HTML5 page.
    Html,
    /// The whole model with resolved citations.
    Json,
}

impl From<ExportFormat> for export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::Text => export::Format::Text,
            ExportFormat::Md => export::Format::Md,
            ExportFormat::Csv => export::Format::Csv,
            ExportFormat::Html => export::Format::Html,
            ExportFormat::Json => export::Format::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Md,
    Json,
}

/// Arguments of `stances compare`.
#[derive(clap::Args)]
struct CompareArgs {
    /// The positions file [default: ./positions.toml]
    file: Option<PathBuf>,
    /// The view date, YYYY-MM-DD [default: the latest as_of in the file]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<stances::date::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    format: CompareFormat,
    /// Only some parties, issues, statuses or confidences, e.g.
    /// "party:us,ru issue:territory status:proposed confidence:high hide-empty".
    /// `confidence:` keeps what has that confidence; `--min-confidence` leaves out
    /// weaker positions as if never stated.
    #[arg(long, value_name = "TERMS")]
    filter: Option<String>,
    /// Width of the text output [default: the terminal's, or 100]
    #[arg(long, value_parser = clap::value_parser!(u16).range(40..))]
    width: Option<u16>,
    /// Leave out positions below this confidence, as if absent (an unset confidence
    /// counts as moderate)
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_confidence: Option<MinConfidence>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareFormat {
    Text,
    Md,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

const DEFAULT_FILE: &str = "positions.toml";

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Check {
            file,
            strict,
            format,
            fix,
            allow_meaning_change,
        }) => run_check(file, strict, format, fix.then_some(allow_meaning_change)),
        Some(Command::Sentences {
            source,
            file,
            uncited,
            json,
        }) => run_sentences(&source, file, uncited, json),
        Some(Command::Init { dir }) => run_init(dir),
        Some(Command::AddSource(args)) => run_add_source(args),
        Some(Command::Export(args)) => run_export(args),
        Some(Command::Diff(args)) => run_diff(args),
        Some(Command::Compare(args)) => run_compare(args),
        None => run_view(cli.file),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = format!("stances: error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!("\n  caused by: {cause}"));
            }
            eprintln!("{}", stances::sanitize::text(&msg));
            ExitCode::from(1)
        }
    }
}

/// True when the reader of our output went away (`stances sentences x | head`),
/// wherever in the chain of causes the broken pipe is.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            == pipe
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == pipe
    })
}

/// A `--as-of` value: a date written YYYY-MM-DD (a bad one is a usage error, exit 2).
fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2025-04-23"))
}

/// Exits with status 2 and `message` under the usage of `subcommand`, as clap does
/// for bad usage.
fn usage_error(subcommand: &str, message: String) -> ! {
    let mut cli = Cli::command();
    let cmd = match cli.find_subcommand_mut(subcommand) {
        Some(sub) => sub.clone().bin_name(format!("stances {subcommand}")),
        None => cli,
    };
    cmd.clone()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .exit()
}

/// The positions file to use: the one given (a directory means its positions.toml),
/// else ./positions.toml, which must exist.
fn positions_file(file: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(f) = file {
        let inside = f.join(DEFAULT_FILE);
        return Ok(if f.is_dir() && inside.is_file() {
            inside
        } else {
            f
        });
    }
    let default = PathBuf::from(DEFAULT_FILE);
    if default.exists() {
        return Ok(default);
    }
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_FILE);
    let how = if bundled.exists() {
        format!(
            "open the bundled example with: stances {}",
            escape_path(&bundled)
        )
    } else {
        "open the bundled example from the stances repository with: cargo run --release".into()
    };
    anyhow::bail!(
        "no FILE given and no ./{DEFAULT_FILE} in this directory\n  hint: name a positions file (stances path/to/positions.toml), or {how}"
    )
}

/// `stances check`; with `fix` (`Some(allow_meaning_change)`), the diff of the
/// corrections on stdout instead of the diagnostics in another format.
fn run_check(
    file: Option<PathBuf>,
    strict: bool,
    format: CheckFormat,
    fix: Option<bool>,
) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let outcome = check::run(&path, strict);
    // Thousands of diagnostics: written through a buffer, not a write call per line.
    let mut stderr = std::io::BufWriter::new(std::io::stderr().lock());
    if let Some(allow_meaning_change) = fix {
        check::write_text(&mut stderr, &path, &outcome, strict)?;
        stderr.flush()?;
        let diagnostics = &outcome.loaded.diagnostics;
        let diff = check::fix_diff(&path, diagnostics, allow_meaning_change)
            .map_err(|e| anyhow::anyhow!("{} {e}", escape_path(&path)))?;
        let counts = check::FixCounts::of(diagnostics, allow_meaning_change);
        eprintln!("stances: note: {}", counts.note(diff.is_empty()));
        // The diff is exact, for `patch`; on a terminal, where it is only read, what it
        // quotes cannot act on the terminal.
        let diff = if std::io::stdout().is_terminal() {
            stances::sanitize::text(&diff)
        } else {
            diff
        };
        std::io::stdout().lock().write_all(diff.as_bytes())?;
        return Ok(ExitCode::from(outcome.status as u8));
    }
    match format {
        CheckFormat::Text => {
            check::write_text(&mut stderr, &path, &outcome, strict)?;
            stderr.flush()?;
        }
        CheckFormat::Json => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            check::write_json(&mut stdout, &outcome.loaded.diagnostics)?;
            stdout.flush()?;
        }
    }
    Ok(ExitCode::from(outcome.status as u8))
}

/// Loads a model, printing its errors, and keeps what `policy` allows: with
/// [`Policy::Partial`] a file with errors still gives what of it resolved, with those
/// errors.
fn load_model(path: &Path, policy: Policy) -> anyhow::Result<(Model, Vec<Diagnostic>)> {
    let loaded = load(path);
    let errors = loaded.error_list();
    let mut err = std::io::stderr().lock();
    for d in &errors {
        writeln!(err, "{}", stances::sanitize::text(&d.to_string()))?;
    }
    Ok((loaded.into_usable(path, policy)?, errors))
}

fn run_sentences(
    source: &str,
    file: Option<PathBuf>,
    uncited: bool,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let as_path = Path::new(source);
    let have_model = file.is_some() || Path::new(DEFAULT_FILE).exists();
    let listed = if !have_model && as_path.is_file() {
        // A bare text file and no model: nothing can be cited.
        let text =
            SourceText::load(as_path).map_err(|e| anyhow::anyhow!("{} {e}", escape(source)))?;
        stances::sentence_list::list(&text, None)
    } else {
        let path = positions_file(file)?;
        // A file with errors still lists sentences: that is when they are needed.
        let (model, errors) = load_model(&path, Policy::Partial)?;
        if !errors.is_empty() {
            eprintln!(
                "stances: note: showing what cites each sentence in the parts of {} that load",
                escape_path(&path)
            );
        }
        let found = model.find_source(source, path.parent().unwrap_or(Path::new("")));
        match found {
            Some(i) => stances::sentence_list::list(&model.sources[i].text, Some((&model, i))),
            None if as_path.is_file() => {
                let text = SourceText::load(as_path)
                    .map_err(|e| anyhow::anyhow!("{} {e}", escape(source)))?;
                stances::sentence_list::list(&text, None)
            }
            None => {
                let ids: Vec<&str> = model.sources.iter().map(|s| s.id.as_str()).collect();
                let hint = stances::suggest::did_you_mean(source, ids.iter().copied())
                    .map_or(String::new(), |h| format!("{h}; "));
                anyhow::bail!(
                    "no source `{}` in {}\n  hint: {hint}known sources: {}",
                    escape(source),
                    escape_path(&path),
                    ids.join(", ")
                );
            }
        }
    };
    let shown: Vec<_> = listed
        .into_iter()
        .filter(|s| !uncited || s.cited_by.is_empty())
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        out.write_all(stances::export::json::pretty(&shown).as_bytes())?;
    } else {
        out.write_all(stances::sentence_list::to_text(&shown).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "import")]
fn run_add_source(args: AddSourceArgs) -> anyhow::Result<ExitCode> {
    let model = positions_file(args.model)?;
    let request = stances::ingest::Request {
        input: args.path,
        model: model.clone(),
        id: args.id,
        title: args.title,
        published: args.published,
        url: args.url,
        append: args.append,
    };
    let added = stances::ingest::add_source(&request)?;
    let kind = added.extracted.kind.label();
    if added.appended {
        eprintln!(
            "wrote {} ({kind}) and added [sources.{}] to {}",
            escape_path(&added.text_file),
            escape(&added.id),
            escape_path(&model)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (lines, rest) = stances::ingest::first_lines(&added.text, PREVIEW_LINES, 100);
    let mut preview: String = (lines.iter())
        .map(|l| format!("  |{}{l}\n", if l.is_empty() { "" } else { " " }))
        .collect();
    if rest > 0 {
        preview.push_str(&format!("  | … {rest} more line(s)\n"));
    }
    eprint!(
        "dry run, nothing written. With --append, add-source would write {} ({kind}, {} characters):\n{preview}and add this block to {}:\n",
        escape_path(&added.text_file),
        added.text.chars().count(),
        escape_path(&model)
    );
    let mut out = std::io::stdout().lock();
    out.write_all(added.block.as_bytes())?;
    out.flush()?;
    eprintln!(
        "to write them: {}",
        appending_command().unwrap_or_else(|| "run the same command with --append".into())
    );
    Ok(ExitCode::SUCCESS)
}

/// How many lines of the text a dry run of `add-source` shows.
#[cfg(feature = "import")]
const PREVIEW_LINES: usize = 8;

/// This command line with `--append` after `add-source`, quoted for a shell; `None`
/// when an argument is not UTF-8 or holds a character that cannot be shown as it is.
#[cfg(feature = "import")]
fn appending_command() -> Option<String> {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string().ok())
        .collect::<Option<_>>()?;
    if args.iter().any(|a| {
        a.chars()
            .any(|c| c.is_control() || stances::sanitize::is_unsafe(c))
    }) {
        return None;
    }
    let at = args.iter().position(|a| a == "add-source")?;
    let mut words = vec!["stances".to_string()];
    words.extend(args[..=at].iter().cloned());
    words.push("--append".into());
    words.extend(args[at + 1..].iter().cloned());
    Some(shell_words::join(words))
}

/// This build has no importers (built without the `import` feature): say how to get them.
#[cfg(not(feature = "import"))]
#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature of the build with the importers"
)]
fn run_add_source(args: AddSourceArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "cannot add {}: this stances was built without its importers (the `import` feature)\n  hint: build it with them, as by default: cargo install --path . (or cargo build --release --features import)",
        escape_path(&args.path)
    )
}

fn run_init(dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let s = stances::init::scaffold(&dir)?;
    let shown = escape_path(&s.path);
    let skipped = if s.skipped.is_empty() {
        String::new()
    } else {
        format!(", {} file(s) skipped (see the comments)", s.skipped.len())
    };
    if s.sources.is_empty() {
        eprintln!(
            "wrote {shown} with no sources yet{skipped}\n  next: bring in a page, a PDF or a text with: stances add-source FILE (shows what it would add), then the same with --append"
        );
    } else {
        eprintln!(
            "wrote {shown} with {} source(s){skipped}\n  next: add parties, issues and positions, then run: stances check {shown}",
            s.sources.len(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The terminal's width, or 100 when stdout is not a terminal.
fn output_width() -> usize {
    if std::io::stdout().is_terminal() {
        crossterm::terminal::size().map_or(100, |(w, _)| w as usize)
    } else {
        100
    }
}

fn run_export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let path = positions_file(args.file)?;
    let date = args.as_of;
    let (model, _) = load_model(&path, Policy::Complete)?;
    let Some(filter) = filter_of(&model, args.filter.as_deref(), args.min_confidence) else {
        return Ok(ExitCode::from(2));
    };
    let view = View::filtered(Arc::new(model), date, filter);
    if let (Some(since), Some(date)) = (args.since, view.date)
        && since > date
    {
        usage_error(
            "export",
            format!(
                "--since {since} is after the view date {date}; give an earlier --since or a later --as-of"
            ),
        );
    }
    let options = export::Options {
        width: args.width.map_or_else(output_width, usize::from),
        long: args.long,
        since: args.since,
    };
    let content = export::render(&view, args.format.into(), &options);
    match &args.output {
        Some(target) if target.as_os_str() != "-" => {
            export::write_atomic(target, &content, &view.model)?;
        }
        _ => std::io::stdout().lock().write_all(content.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_diff(args: DiffArgs) -> anyhow::Result<ExitCode> {
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        usage_error(
            "diff",
            format!("--from {from} is after --to {to}; the earlier date goes in --from"),
        );
    }
    let path = positions_file(args.file)?;
    let (model, _) = load_model(&path, Policy::Complete)?;
    let Some(filter) = filter_of(&model, args.filter.as_deref(), args.min_confidence) else {
        return Ok(ExitCode::from(2));
    };
    let dates = stances::view::diff::default_dates(&model, args.from, args.to);
    let diff = stances::view::diff::Diff::of_dates(&model, dates, filter.min_confidence)
        .filtered(&model, &filter);
    let content = match args.format {
        DiffFormat::Text => {
            let width = args.width.map_or_else(output_width, usize::from);
            export::text::diff(&model, &diff, width)
        }
        DiffFormat::Md => export::md::diff(&model, &diff),
        DiffFormat::Json => export::json::diff(&model, &diff),
    };
    std::io::stdout().lock().write_all(content.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The filter of `--filter TERMS` (none: show all) with `--min-confidence`; a bad one,
/// or a `min-confidence:` term that says another level than `--min-confidence`, is
/// reported as bad usage and gives `None`.
fn filter_of(model: &Model, terms: Option<&str>, min: Option<MinConfidence>) -> Option<Filter> {
    let mut filter = filter_terms(model, terms)?;
    if let Some(min) = min {
        let min: stances::model::Confidence = min.into();
        if let Some(term) = filter.min_confidence.filter(|&t| t != min) {
            eprintln!(
                "stances: error: --min-confidence {} and the filter's min-confidence:{} disagree\n  \
                 hint: give the minimum once",
                min.id(),
                term.id()
            );
            return None;
        }
        filter.min_confidence = Some(min);
    }
    Some(filter)
}

/// The filter of `--filter TERMS` alone.
fn filter_terms(model: &Model, terms: Option<&str>) -> Option<Filter> {
    match terms.map(|f| Filter::parse(model, f)) {
        Some(Err(e)) => {
            eprintln!(
                "stances: error: --filter: {}",
                stances::sanitize::one_line(&e.to_string())
            );
            None
        }
        Some(Ok(f)) => Some(f),
        None => Some(Filter::default()),
    }
}

fn run_compare(args: CompareArgs) -> anyhow::Result<ExitCode> {
    let path = positions_file(args.file)?;
    let (model, _) = load_model(&path, Policy::Complete)?;
    let Some(filter) = filter_of(&model, args.filter.as_deref(), args.min_confidence) else {
        return Ok(ExitCode::from(2));
    };
    let view = View::filtered(Arc::new(model), args.as_of, filter);
    let c = stances::view::Comparison::new(&view);
    let content = match args.format {
        CompareFormat::Text => {
            export::text::compare(&view, &c, args.width.map_or_else(output_width, usize::from))
        }
        CompareFormat::Md => export::md::compare(&view, &c),
        CompareFormat::Json => export::json::compare(&view, &c),
    };
    if c.issues.is_empty() && args.format == CompareFormat::Json {
        eprintln!(
            "stances: note: {}",
            stances::view::compare::words::nothing_to_compare(&view).replace('\n', "\n  ")
        );
    }
    std::io::stdout().lock().write_all(content.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn run_view(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let tty = std::io::stdout().is_terminal();
    if tty {
        // The reader opens on the resolved model; quotes are verified in the background.
        let (loaded, unverified) = stances::model::load_unverified(&path);
        let errors = loaded.error_list();
        let mut err = std::io::stderr().lock();
        for d in &errors {
            writeln!(err, "{}", stances::sanitize::text(&d.to_string()))?;
        }
        drop(err);
        let model = loaded.into_usable(&path, Policy::Partial)?;
        return view_model(path, model, errors, unverified);
    }
    // Not a terminal: print the grid as text instead of opening the reader.
    let (model, _) = load_model(&path, Policy::Complete)?;
    let view = View::new(Arc::new(model), None);
    let options = export::Options::default();
    let text = export::render(&view, export::Format::Text, &options);
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the reader on `model` (see [`stances::tui::run`]).
fn view_model(
    path: PathBuf,
    model: Model,
    errors: Vec<Diagnostic>,
    unverified: Option<stances::model::Unverified>,
) -> anyhow::Result<ExitCode> {
    match stances::tui::run(path, model, errors, unverified) {
        // Stopped by a signal: the terminal is restored; exit as the signal would.
        Err(stances::tui::Error::Signal(sig)) => {
            Ok(ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)))
        }
        result => {
            result?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
