//! Carries out a parsed command: the game's window, the simulator, a class's reports, the
//! handouts, a sample class.

use super::*;

/// Runs a non-window command; returns the process exit status.
pub fn run(cmd: Command) -> i32 {
    match cmd {
        Command::Help => {
            print!("{USAGE}");
            0
        }
        Command::Version => {
            println!("haeju-trader {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Check { files } => {
            let files = if files.is_empty() {
                content::level_files()
            } else {
                files
            };
            if files.is_empty() {
                eprintln!(
                    "check: no level files found in {}",
                    content::levels_dir().display()
                );
                return 1;
            }
            let problems = content::check_paths(&files);
            for p in &problems {
                println!("{p}");
            }
            if problems.is_empty() {
                println!("{} file(s) checked, no problems", files.len());
                0
            } else {
                eprintln!("{} problem(s) in {} file(s)", problems.len(), files.len());
                1
            }
        }
        Command::Simulate {
            level,
            days,
            strategies,
            runs,
            seed,
            json,
        } => {
            let world = match content::load_level_days(&level, days) {
                Ok(w) => w,
                Err(problems) => {
                    for p in problems {
                        eprintln!("{p}");
                    }
                    return 1;
                }
            };
            // Timed here: the simulator itself reads no clock.
            let t0 = crate::platform::Clock::start();
            let summaries: Vec<_> = strategies
                .iter()
                .map(|&s| sim::simulate(&world, s, runs, seed))
                .collect();
            let seconds = t0.seconds();
            if json {
                print!("{}", sim::json(&summaries, seconds));
            } else {
                print!("{}", sim::table(&summaries, Some(seconds)));
            }
            0
        }
        Command::Report {
            files,
            out,
            korean,
            csv,
            effects,
        } => report(&files, out.as_deref(), korean, csv, effects),
        Command::SampleClass {
            out,
            code,
            days,
            level,
            korean,
        } => sample_class(&out, &code, days, &level, korean),
        Command::Handouts { out } => handouts(&out),
        Command::Play { .. } => {
            eprintln!("play: this build has no window (built without the `gui` feature)");
            2
        }
    }
}

/// `report FILES...`: reads what it can, names what it cannot, prints (or writes) the
/// class summary. Exit 0 when at least one file was read.
fn report(
    files: &[PathBuf],
    out: Option<&std::path::Path>,
    korean: bool,
    csv: bool,
    effects: bool,
) -> i32 {
    use crate::report::{self, Skipped};
    let lang = if korean {
        crate::rules::Lang::Ko
    } else {
        crate::rules::Lang::En
    };
    let tr = crate::i18n::Tr::load();
    // The class view's own reading: a file it cannot use is named with why, the same game
    // twice counts once.
    let mut class = report::Class::default();
    for f in files {
        let name = f.file_name().map_or_else(
            || f.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let had = class.skipped.len();
        match std::fs::read_to_string(f) {
            Ok(text) => class.add(&name, &text, lang, &tr),
            Err(e) => class.skipped.push(Skipped {
                file: name,
                why: format!("cannot be read ({e})"),
            }),
        }
        if let Some(s) = class.skipped.get(had) {
            eprintln!("report: skipped {}: {}", s.file, s.why);
        }
    }
    let (named, skipped) = (&class.reports, &class.skipped);
    let reports: Vec<report::Report> = named.iter().map(|(_, r)| r.clone()).collect();
    if reports.is_empty() {
        eprintln!("report: none of the {} file(s) could be read", files.len());
        return 1;
    }
    let md = if csv && effects {
        report::effects_csv(&class.figures(lang, &tr))
    } else if csv {
        report::class_csv(named)
    } else {
        report::class_summary(&reports, skipped, lang, &tr)
    };
    match out {
        Some(path) => match std::fs::write(path, &md) {
            Ok(()) => {
                eprintln!(
                    "report: {} report(s), {} skipped, written to {}",
                    reports.len(),
                    skipped.len(),
                    path.display()
                );
                0
            }
            Err(e) => {
                eprintln!("report: cannot write {}: {e}", path.display());
                1
            }
        },
        None => {
            print!("{md}");
            0
        }
    }
}

/// `handouts --out DIR`: the printed handouts (not in the browser build).
fn handouts(out: &std::path::Path) -> i32 {
    match crate::handout::write_all(out) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            0
        }
        Err(e) => {
            eprintln!("handouts: {e}");
            1
        }
    }
}

/// `sample-class`: five students' sessions by the simulator's styles, each written as its
/// save (`.ron`) and its report (`.json`, `.md`).
fn sample_class(
    out: &std::path::Path,
    code: &str,
    days: Option<u32>,
    level: &str,
    korean: bool,
) -> i32 {
    let lang = if korean {
        crate::rules::Lang::Ko
    } else {
        crate::rules::Lang::En
    };
    let tr = crate::i18n::Tr::load();
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("sample-class: cannot create {}: {e}", out.display());
        return 1;
    }
    let written = crate::report::sample_class(level, code, days, lang, &tr).and_then(|class| {
        for (n, (style, save, r)) in class.iter().enumerate() {
            let stem = out.join(format!("student-{}-{}", n + 1, style.name()));
            let write = |ext: &str, text: String| {
                let path = stem.with_extension(ext);
                std::fs::write(&path, text)
                    .map(|()| path.display().to_string())
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))
            };
            write("ron", save.to_text()?)?;
            write("md", r.to_markdown(&tr))?;
            let json = write("json", r.to_json()?)?;
            println!("{json}: {}, {}", style.name(), r.ending_title);
        }
        Ok(())
    });
    if let Err(e) = written {
        eprintln!("sample-class: {e}");
        return 1;
    }
    0
}
