//! The `stances` command line: parses arguments and dispatches to the library.

use clap::{Parser, Subcommand, ValueEnum};
use stances::check;
use stances::diagnostic::Diagnostic;
use stances::export::{self, View};
use stances::model::{Model, load};
use stances::sanitize::{escape, path as escape_path};
use stances::source::SourceText;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

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
    /// Start a positions.toml for a folder of .txt sources (never overwrites).
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
    format: export::Format,
    /// The view date, YYYY-MM-DD [default: the latest as_of in the file]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<stances::date::Date>,
    /// Write to PATH (atomically) instead of stdout (`-` is stdout).
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    output: Option<PathBuf>,
    /// Width of the text table [default: the terminal's, or 100]
    #[arg(long, value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
    /// CSV: one row per citation instead of the wide table.
    #[arg(long)]
    long: bool,
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
        }) => run_check(file, strict, format),
        Some(Command::Sentences {
            source,
            file,
            uncited,
            json,
        }) => run_sentences(&source, file, uncited, json),
        Some(Command::Init { dir }) => run_init(dir),
        Some(Command::Export(args)) => run_export(args),
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

/// True when the reader of our output went away (`stances sentences x | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    e.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
        || e.downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind())
            == pipe
}

/// A `--as-of` value: a date written YYYY-MM-DD (a bad one is a usage error, exit 2).
fn parse_date(s: &str) -> Result<stances::date::Date, String> {
    stances::date::Date::parse(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2025-04-23"))
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

fn run_check(file: Option<PathBuf>, strict: bool, format: CheckFormat) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let outcome = check::run(&path, strict);
    match format {
        CheckFormat::Text => {
            check::write_text(&mut std::io::stderr().lock(), &path, &outcome, strict)?
        }
        CheckFormat::Json => {
            check::write_json(&mut std::io::stdout().lock(), &outcome.loaded.diagnostics)?
        }
    }
    Ok(ExitCode::from(outcome.status as u8))
}

/// Loads a model, printing its errors. With `partial`, a file with errors still gives
/// what of it resolved (for the reader and `sentences`), with those errors; otherwise
/// errors fail.
fn load_model(path: &Path, partial: bool) -> anyhow::Result<(Model, Vec<Diagnostic>)> {
    let loaded = load(path);
    let shown = escape_path(path);
    let errors: Vec<Diagnostic> = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    let mut err = std::io::stderr().lock();
    for d in &errors {
        writeln!(err, "{}", stances::sanitize::text(&d.to_string()))?;
    }
    match (loaded.model, loaded.partial) {
        (Some(m), _) => Ok((m, errors)),
        (None, Some(p)) if partial => Ok((p, errors)),
        _ if errors.iter().any(|d| d.line.is_some()) => anyhow::bail!(
            "{shown} has {} error(s); run `stances check {shown}` for all diagnostics with hints",
            errors.len(),
        ),
        _ => anyhow::bail!("cannot load {shown}"),
    }
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
        stances::sentences::list(&text, None)
    } else {
        let path = positions_file(file)?;
        // A file with errors still lists sentences: that is when they are needed.
        let (model, errors) = load_model(&path, true)?;
        if !errors.is_empty() {
            eprintln!(
                "stances: note: showing what cites each sentence in the parts of {} that load",
                escape_path(&path)
            );
        }
        let base = path.parent().unwrap_or(Path::new(""));
        let wanted = as_path.canonicalize().ok();
        let found = model.sources.iter().position(|s| {
            s.id == source
                || s.file == source
                || wanted.is_some() && base.join(&s.path).canonicalize().ok() == wanted
        });
        match found {
            Some(i) => stances::sentences::list(&model.sources[i].text, Some((&model, i))),
            None if as_path.is_file() => {
                let text = SourceText::load(as_path)
                    .map_err(|e| anyhow::anyhow!("{} {e}", escape(source)))?;
                stances::sentences::list(&text, None)
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
        serde_json::to_writer_pretty(&mut out, &shown)?;
        writeln!(out)?;
    } else {
        out.write_all(stances::sentences::to_text(&shown).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_init(dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let s = stances::init::scaffold(&dir)?;
    let shown = escape_path(&s.path);
    eprintln!(
        "wrote {shown} with {} source(s){}\n  next: add parties, issues and positions, then run: stances check {shown}",
        s.sources.len(),
        if s.skipped.is_empty() {
            String::new()
        } else {
            format!(", {} file(s) skipped (see the comments)", s.skipped.len())
        },
    );
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
    let (model, _) = load_model(&path, false)?;
    let view = View::new(&model, date);
    let options = export::Options {
        width: args.width.map_or_else(output_width, usize::from),
        long: args.long,
    };
    let content = export::render(&view, args.format, &options);
    match &args.output {
        Some(target) if target.as_os_str() != "-" => {
            export::write_atomic(target, &content, &model)?
        }
        _ => std::io::stdout().lock().write_all(content.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_view(file: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let path = positions_file(file)?;
    let tty = std::io::stdout().is_terminal();
    let (model, errors) = load_model(&path, tty)?;
    if !tty {
        // Not a terminal: print the grid as text instead of opening the reader.
        let view = View::new(&model, None);
        let options = export::Options {
            width: 100,
            long: false,
        };
        let text = export::render(&view, export::Format::Text, &options);
        std::io::stdout().lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    stances::tui::run(path, model, errors)?;
    Ok(ExitCode::SUCCESS)
}
