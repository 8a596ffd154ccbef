//! Opening positions.toml in the user's editor at the right line.
//!
//! The editor is `$VISUAL`, else `$EDITOR`, else `vi`, split like a shell would (so a
//! path with spaces can be quoted). How it takes the line: `$STANCES_EDITOR_LINE` when
//! set, a template of arguments with `{line}` and `{file}` (e.g. `+{line} {file}`,
//! `--goto {file}:{line}`); else by the editor's name (see [`family`]); an editor it
//! does not know gets the file only.

use std::path::Path;
use std::process::Command;

/// The editor to run: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn from_env() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// How an editor takes a line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `+LINE FILE`: vi, vim, nvim, nano, emacs, micro, helix, kak, ...
    PlusLine,
    /// `--goto FILE:LINE`: VS Code and its kin.
    Goto,
    /// `FILE:LINE`: Sublime Text, Zed.
    Colon,
    /// Unknown: the file only.
    FileOnly,
}

/// The family of an editor program, by its file name.
pub fn family(program: &str) -> Family {
    let name = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(program);
    let name = name.strip_suffix(".exe").unwrap_or(name);
    match name {
        "vi" | "vim" | "nvim" | "gvim" | "mvim" | "view" | "nano" | "pico" | "emacs"
        | "emacsclient" | "micro" | "hx" | "helix" | "kak" | "ne" | "joe" | "mg" | "jed"
        | "vis" | "ed" | "gedit" => Family::PlusLine,
        "code" | "code-insiders" | "codium" | "vscodium" | "cursor" | "windsurf" => Family::Goto,
        "subl" | "sublime_text" | "zed" => Family::Colon,
        _ => Family::FileOnly,
    }
}

/// The environment variable holding the line syntax template.
pub const LINE_SYNTAX_VAR: &str = "STANCES_EDITOR_LINE";

/// Words of a command as a shell would split them; on unbalanced quotes, at white space.
fn words(s: &str) -> Vec<String> {
    shell_words::split(s).unwrap_or_else(|_| s.split_whitespace().map(str::to_string).collect())
}

/// The program and arguments that open `file` at `line` with `editor` (which may
/// carry its own arguments, like `code --wait`, and is split like a shell would).
/// `line_syntax`, a template like `+{line} {file}`, says how to pass the line; the
/// file is added at the end when it has no `{file}`. Without it, the editor's
/// [`family`] decides.
pub fn command_line(
    editor: &str,
    line_syntax: Option<&str>,
    file: &Path,
    line: usize,
) -> Option<(String, Vec<String>)> {
    let mut words = words(editor).into_iter();
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let file = file.display().to_string();
    if let Some(template) = line_syntax.filter(|t| !t.trim().is_empty()) {
        let parts = self::words(template);
        let has_file = parts.iter().any(|p| p.contains("{file}"));
        args.extend(parts.iter().map(|p| {
            p.replace("{line}", &line.to_string())
                .replace("{file}", &file)
        }));
        if !has_file {
            args.push(file);
        }
        return Some((program, args));
    }
    match family(&program) {
        Family::PlusLine => args.extend([format!("+{line}"), file]),
        Family::Goto => args.extend(["--goto".to_string(), format!("{file}:{line}")]),
        Family::Colon => args.push(format!("{file}:{line}")),
        Family::FileOnly => args.push(file),
    }
    Some((program, args))
}

/// Why the editor did not run to success (shown in the status bar).
#[derive(Debug, thiserror::Error)]
pub enum EditorError {
    /// Neither `$VISUAL` nor `$EDITOR` names a program.
    #[error("no editor set: set $VISUAL or $EDITOR")]
    NotSet,
    /// The editor ran and failed.
    #[error("editor `{editor}` exited with {status}")]
    Failed {
        /// The editor as set.
        editor: String,
        /// How it ended.
        status: std::process::ExitStatus,
    },
    /// The program does not exist.
    #[error("editor `{0}` not found: set $VISUAL or $EDITOR")]
    NotFound(String),
    /// The program could not be started.
    #[error("cannot run editor `{program}`: {error}")]
    Io {
        /// The program.
        program: String,
        /// What the system said.
        error: std::io::Error,
    },
}

/// Runs the editor and waits. The line syntax comes from `$STANCES_EDITOR_LINE`, when
/// set.
pub fn run(editor: &str, file: &Path, line: usize) -> Result<(), EditorError> {
    let syntax = std::env::var(LINE_SYNTAX_VAR).ok();
    let (program, args) =
        command_line(editor, syntax.as_deref(), file, line).ok_or(EditorError::NotSet)?;
    let shown = |s: &str| crate::sanitize::one_line(s);
    match Command::new(&program).args(&args).status() {
        Ok(s) if s.success() => Ok(()),
        Ok(status) => Err(EditorError::Failed {
            editor: shown(editor),
            status,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(EditorError::NotFound(shown(&program)))
        }
        Err(error) => Err(EditorError::Io {
            program: shown(&program),
            error,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_family_gets_the_line_its_way() {
        let f = Path::new("/m/positions.toml");
        let cl = |e: &str| command_line(e, None, f, 42).unwrap();
        for e in [
            "vi",
            "vim",
            "nvim",
            "nano",
            "emacs",
            "micro",
            "hx",
            "helix",
            "kak",
            "/usr/bin/vim",
        ] {
            assert_eq!(cl(e).1, ["+42", "/m/positions.toml"], "{e}");
        }
        assert_eq!(
            cl("code --wait"),
            (
                "code".into(),
                vec![
                    "--wait".into(),
                    "--goto".into(),
                    "/m/positions.toml:42".into()
                ]
            )
        );
        assert_eq!(cl("subl -w").1, ["-w", "/m/positions.toml:42"]);
        assert_eq!(cl("myeditor").1, ["/m/positions.toml"]);
        assert_eq!(command_line("  ", None, f, 1), None);
    }

    #[test]
    fn a_line_syntax_template_and_quoted_paths() {
        let f = Path::new("/m/my positions.toml");
        let with = |e: &str, t: &str| command_line(e, Some(t), f, 7).unwrap();
        assert_eq!(
            with("my-wrapper", "+{line} {file}"),
            (
                "my-wrapper".into(),
                vec!["+7".into(), "/m/my positions.toml".into()]
            )
        );
        assert_eq!(
            with("'/opt/My Editor/edit' --wait", "--goto {file}:{line}").1,
            ["--wait", "--goto", "/m/my positions.toml:7"]
        );
        assert_eq!(
            with("/opt/My Editor/edit", "-l {line}"),
            (
                "/opt/My".into(),
                vec![
                    "Editor/edit".into(),
                    "-l".into(),
                    "7".into(),
                    "/m/my positions.toml".into()
                ]
            )
        );
        assert_eq!(
            with("ed", "'--line={line}'").1,
            ["--line=7", "/m/my positions.toml"]
        );
        // A template overrides what the editor's name would pick; an empty one does not.
        assert_eq!(with("vim", "{file}").1, ["/m/my positions.toml"]);
        assert_eq!(
            command_line("vim", Some(" "), f, 7).unwrap().1,
            ["+7", "/m/my positions.toml"]
        );
        // A program path with spaces, quoted, is one word; its name picks the family.
        assert_eq!(
            command_line("\"/opt/x y/nvim\" -p", None, f, 3).unwrap(),
            (
                "/opt/x y/nvim".into(),
                vec!["-p".into(), "+3".into(), "/m/my positions.toml".into()]
            )
        );
    }
}
