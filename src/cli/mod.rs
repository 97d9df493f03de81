//! The command line: `play`, `tour`, `check`, `simulate` and `report`. Bad arguments give a clear message
//! and exit status 2; they never panic.

use crate::content;
use crate::sim::{self, Strategy};
use std::path::PathBuf;

mod run;
pub use run::run;

pub const USAGE: &str = "\
Haeju Trader — a trader in Haeju, her phone, and the state that reads it.

usage:
  haeju-trader [play] [--level L] [--seed K] [--code C [--later] [--arm play|read|half]]
               [--scale S] [--lang en|ko]
               [--contrast high|normal] [--class-view FILES...]
               [--frame-stats SECONDS [--bare [--stock]] | --idle-stats SECONDS]
                                                  play in a window; frame stats: frame times
                                                  on the street map (--bare: of a window
                                                  with one label, drawn as the game draws;
                                                  --stock: as Bevy and egui draw out of the
                                                  box); idle stats: CPU used
                                                  while nothing happens (title, street map)
                                                  and resources changed while idle; both
                                                  print and exit
  haeju-trader tour --out DIR [--scenes | --by-label SCRIPT | --glyph-probe] [--level L] [--seed K]
                    [--code C] [--scale S] [--lang en|ko] [--contrast high|normal]
                    [--class-view FILES...]
                                                  play a scripted route through every screen,
                                                  saving DIR/NN-name.png, then exit (--scenes:
                                                  every place, a stop by each kind of
                                                  inspector, each ending; --by-label: press
                                                  what SCRIPT names, as a screen reader would,
                                                  writing DIR/screen-reader.txt; --class-view:
                                                  the class view's pages with FILES;
                                                  --glyph-probe: one Korean line before and
                                                  after the font atlas grows)
  haeju-trader check [FILES...]                   check level files (all of levels/ if none)
  haeju-trader simulate --level L --strategy S --runs N --seed K [--days D] [--json]
                                                  play bots through a level (or its first D
                                                  days, as a class plays it) and report
  haeju-trader report [--out FILE] [--lang en|ko] [--csv [--effects]] FILES...
                                                  a class summary (Markdown) from exported
                                                  reports (.json) and saves (.ron); files that
                                                  cannot be read are named and skipped
                                                  (--csv: one row a report, for a spreadsheet;
                                                  --csv --effects: one row a measure of the
                                                  check: pairs, change, d_z and its interval)
  haeju-trader class [FILES...]                   open the class view (a window) with these
                                                  reports (.json) or saves (.ron); more can be
                                                  dropped on it (also: play --class-view FILES)
  haeju-trader sample-class --out DIR [--code C] [--days N] [--level L] [--lang en|ko]
                                                  five sessions under one class code, played
                                                  by the simulator's styles, each saved with
                                                  its report: a class to try the class view on
  haeju-trader handouts --out DIR                 the student handout and the facilitator
                                                  sheet, English and Korean, as Markdown and
                                                  printable HTML (docs/handouts holds them)
  haeju-trader --help | --version

  L: a level file, or a level name in levels/ (e.g. 01, spring-2024)
  S: cautious, trader, sentimental, careless, random, idle, careful-trader, or all
";

/// How to open the window.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Play {
    pub level: Option<String>,
    pub seed: Option<u64>,
    /// Measure frame times on the street map for this many seconds, print them, exit.
    pub frame_stats: Option<f32>,
    /// With `frame_stats`: measure a bare window instead (the same Bevy and egui set-up,
    /// one label, no game), the yardstick the street map is compared with.
    pub bare: bool,
    /// With `bare`: Bevy's and egui's own set-up (Bevy's 2D render schedule and its default
    /// multisampling, bevy_egui's shader), not the game's.
    pub stock: bool,
    /// Measure the CPU used over this many idle seconds on the title and on the street
    /// map, and which of the game's resources changed while idle; print, exit.
    pub idle_stats: Option<f32>,
    /// Play a scripted route through every screen, saving `DIR/NN-name.png`, then exit.
    pub tour: Option<PathBuf>,
    /// With `tour`: the game's pictures instead (every kind of place, a stop by each kind
    /// of inspector, each ending).
    pub scenes: bool,
    /// With `tour`: play by the names a screen reader has, following this script
    /// (`crate::dev::by_label`), writing what a reader would hear to DIR/screen-reader.txt.
    pub by_label: Option<PathBuf>,
    /// With `tour`: the glyph probe's four moments instead of the game (`ui::probe`).
    pub glyph_probe: bool,
    /// UI scale to start with (a projector wants 1.5).
    pub scale: Option<f32>,
    /// Start in Korean.
    pub korean: bool,
    /// Start with the high-contrast theme.
    pub high_contrast: bool,
    /// Open the class view with these report or save files (with `tour`: its pages).
    pub class_view: Option<Vec<PathBuf>>,
    /// The class code set in the settings (the room's laptops can start with it).
    pub class_code: Option<String>,
    /// Weeks after the session: the title offers the check alone (`--later`).
    pub later: bool,
    /// Who plays and who reads (`--arm play|read|half`).
    pub arm: Option<crate::settings::Arm>,
}

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Version,
    Play(Play),
    Check {
        files: Vec<PathBuf>,
    },
    Simulate {
        level: String,
        /// A class's shorter session (None: the level's days).
        days: Option<u32>,
        strategies: Vec<Strategy>,
        runs: u32,
        seed: u64,
        json: bool,
    },
    Report {
        files: Vec<PathBuf>,
        out: Option<PathBuf>,
        korean: bool,
        /// A table a spreadsheet opens, one row a report, instead of the Markdown summary.
        csv: bool,
        /// With `csv`: the check's measures and effect sizes, a row each.
        effects: bool,
    },
    SampleClass {
        out: PathBuf,
        code: String,
        days: Option<u32>,
        level: String,
        korean: bool,
    },
    Handouts {
        out: PathBuf,
    },
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .filter(|v| !v.starts_with("--"))
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn number<T: std::str::FromStr>(v: &str, flag: &str, what: &str) -> Result<T, String> {
    v.parse()
        .map_err(|_| format!("{flag} {v:?}: expected {what}"))
}

/// `flag`'s value: a number in `range` (`what` says which, in the message when it is not).
fn within<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    args: &[String],
    i: &mut usize,
    flag: &str,
    range: std::ops::RangeInclusive<T>,
    what: &str,
) -> Result<T, String> {
    let v: T = number(value(args, i, flag)?, flag, what)?;
    if range.contains(&v) {
        Ok(v)
    } else {
        Err(format!("{flag} {v}: expected {what}"))
    }
}

fn seed_value(args: &[String], i: &mut usize) -> Result<u64, String> {
    number(value(args, i, "--seed")?, "--seed", "a whole number")
}

/// `--code C`: a class code as the game keeps it (upper case, no spaces or dashes).
fn code_value(args: &[String], i: &mut usize) -> Result<String, String> {
    let v = value(args, i, "--code")?;
    content::class_code(v)
        .ok_or_else(|| format!("--code {v:?}: expected 3 to 12 letters or digits"))
}

/// `--lang en|ko`: true for Korean.
fn lang_value(args: &[String], i: &mut usize) -> Result<bool, String> {
    match value(args, i, "--lang")? {
        "ko" => Ok(true),
        "en" => Ok(false),
        other => Err(format!("--lang {other:?}: expected en or ko")),
    }
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    let (cmd, rest) = match args.first().map(String::as_str) {
        None => return Ok(Command::Play(Play::default())),
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(
            c @ ("play" | "check" | "simulate" | "tour" | "report" | "class" | "sample-class"
            | "handouts"),
        ) => (c, &args[1..]),
        Some(a) if a.starts_with("--") => ("play", args),
        Some(other) => {
            return Err(format!(
                "unknown command {other:?}: expected play, tour, check, simulate, report, class, \
                 sample-class or handouts"
            ));
        }
    };
    match cmd {
        "check" => {
            if let Some(flag) = rest.iter().find(|a| a.starts_with("--")) {
                return Err(format!("check takes file names, not {flag:?}"));
            }
            Ok(Command::Check {
                files: rest.iter().map(PathBuf::from).collect(),
            })
        }
        "report" => parse_report(rest),
        "play" | "tour" => parse_play(cmd, rest),
        "class" => {
            if let Some(flag) = rest.iter().find(|a| a.starts_with("--")) {
                return Err(format!("class takes file names, not {flag:?}"));
            }
            Ok(Command::Play(Play {
                class_view: Some(rest.iter().map(PathBuf::from).collect()),
                ..Play::default()
            }))
        }
        "sample-class" => parse_sample(rest),
        "handouts" => {
            let mut out = None;
            let mut i = 0;
            while i < rest.len() {
                match rest[i].as_str() {
                    "--out" => out = Some(PathBuf::from(value(rest, &mut i, "--out")?)),
                    other => return Err(format!("handouts: unknown argument {other:?}")),
                }
                i += 1;
            }
            Ok(Command::Handouts {
                out: out.ok_or("handouts needs --out DIR")?,
            })
        }
        _ => {
            let (mut level, mut strategy, mut runs, mut seed, mut json) =
                (None, None, None, None, false);
            let mut days = None;
            let mut i = 0;
            while i < rest.len() {
                match rest[i].as_str() {
                    "--level" => level = Some(value(rest, &mut i, "--level")?.to_string()),
                    "--strategy" => {
                        let v = value(rest, &mut i, "--strategy")?;
                        strategy = Some(if v == "all" {
                            Strategy::ALL.to_vec()
                        } else {
                            vec![Strategy::parse(v).ok_or_else(|| {
                                format!("--strategy {v:?}: expected cautious, trader, sentimental, careless, random or all")
                            })?]
                        });
                    }
                    "--runs" => {
                        runs = Some(within(
                            rest,
                            &mut i,
                            "--runs",
                            1..=10_000_000,
                            "a whole number from 1 to 10000000",
                        )?);
                    }
                    "--seed" => seed = Some(seed_value(rest, &mut i)?),
                    "--json" => json = true,
                    "--days" => {
                        days = Some(within(rest, &mut i, "--days", 1..=30, "days from 1 to 30")?);
                    }
                    other => return Err(format!("simulate: unknown argument {other:?}")),
                }
                i += 1;
            }
            Ok(Command::Simulate {
                level: level.ok_or("simulate needs --level")?,
                days,
                strategies: strategy.ok_or("simulate needs --strategy")?,
                runs: runs.ok_or("simulate needs --runs")?,
                seed: seed.ok_or("simulate needs --seed")?,
                json,
            })
        }
    }
}

fn parse_sample(rest: &[String]) -> Result<Command, String> {
    let (mut out, mut code, mut days, mut level, mut korean) =
        (None, "SAMPLE".to_string(), None, "01".to_string(), false);
    let mut i = 0;
    while i < rest.len() {
        match rest[i].as_str() {
            "--out" => out = Some(PathBuf::from(value(rest, &mut i, "--out")?)),
            "--code" => code = code_value(rest, &mut i)?,
            "--days" => {
                days = Some(within(rest, &mut i, "--days", 1..=30, "days from 1 to 30")?);
            }
            "--level" => level = value(rest, &mut i, "--level")?.to_string(),
            "--lang" => korean = lang_value(rest, &mut i)?,
            other => return Err(format!("sample-class: unknown argument {other:?}")),
        }
        i += 1;
    }
    Ok(Command::SampleClass {
        out: out.ok_or("sample-class needs --out DIR")?,
        code,
        days,
        level,
        korean,
    })
}

fn parse_report(rest: &[String]) -> Result<Command, String> {
    let (mut files, mut out, mut korean, mut csv, mut effects) =
        (Vec::new(), None, false, false, false);
    let mut i = 0;
    while i < rest.len() {
        match rest[i].as_str() {
            "--out" => out = Some(PathBuf::from(value(rest, &mut i, "--out")?)),
            "--lang" => korean = lang_value(rest, &mut i)?,
            "--csv" => csv = true,
            "--effects" => effects = true,
            flag if flag.starts_with("--") => {
                return Err(format!("report: unknown argument {flag:?}"));
            }
            file => files.push(PathBuf::from(file)),
        }
        i += 1;
    }
    if files.is_empty() {
        return Err("report needs one or more report (.json) or save (.ron) files".into());
    }
    if effects && !csv {
        return Err(
            "report: --effects goes with --csv (the Markdown summary has the effects already)"
                .into(),
        );
    }
    Ok(Command::Report {
        files,
        out,
        korean,
        csv,
        effects,
    })
}

fn parse_play(cmd: &str, rest: &[String]) -> Result<Command, String> {
    let mut p = Play::default();
    let mut i = 0;
    while i < rest.len() {
        match rest[i].as_str() {
            "--level" => p.level = Some(value(rest, &mut i, "--level")?.to_string()),
            "--seed" => p.seed = Some(seed_value(rest, &mut i)?),
            flag @ ("--frame-stats" | "--idle-stats") if cmd == "play" => {
                let v: f32 = within(rest, &mut i, flag, 1.0..=600.0, "seconds from 1 to 600")?;
                if flag == "--frame-stats" {
                    p.frame_stats = Some(v);
                } else {
                    p.idle_stats = Some(v);
                }
            }
            "--out" if cmd == "tour" => p.tour = Some(PathBuf::from(value(rest, &mut i, "--out")?)),
            "--scenes" if cmd == "tour" => p.scenes = true,
            "--glyph-probe" if cmd == "tour" => p.glyph_probe = true,
            "--by-label" if cmd == "tour" => {
                p.by_label = Some(PathBuf::from(value(rest, &mut i, "--by-label")?))
            }
            "--scale" => {
                p.scale = Some(within(
                    rest,
                    &mut i,
                    "--scale",
                    0.75..=2.0,
                    "a size from 0.75 to 2",
                )?);
            }
            "--lang" => p.korean = lang_value(rest, &mut i)?,
            "--contrast" => {
                p.high_contrast = match value(rest, &mut i, "--contrast")? {
                    "high" => true,
                    "normal" => false,
                    other => return Err(format!("--contrast {other:?}: expected high or normal")),
                }
            }
            "--code" => p.class_code = Some(code_value(rest, &mut i)?),
            "--later" => p.later = true,
            "--arm" => {
                p.arm = Some(match value(rest, &mut i, "--arm")? {
                    "play" => crate::settings::Arm::Play,
                    "read" => crate::settings::Arm::Read,
                    "half" => crate::settings::Arm::Half,
                    other => {
                        return Err(format!("--arm {other:?}: expected play, read or half"));
                    }
                })
            }
            "--class-view" => {
                let mut files = Vec::new();
                while rest.get(i + 1).is_some_and(|a| !a.starts_with("--")) {
                    i += 1;
                    files.push(PathBuf::from(&rest[i]));
                }
                p.class_view = Some(files);
            }
            "--bare" if cmd == "play" => p.bare = true,
            "--stock" if cmd == "play" => p.stock = true,
            other => return Err(format!("{cmd}: unknown argument {other:?}")),
        }
        i += 1;
    }
    if cmd == "tour" && p.tour.is_none() {
        return Err("tour needs --out DIR".into());
    }
    if p.glyph_probe && (p.scenes || p.by_label.is_some() || p.class_view.is_some()) {
        return Err("--glyph-probe draws only the probe: use it alone with --out".into());
    }
    if p.class_view.is_some() && p.scenes {
        return Err("--scenes and --class-view: choose one".into());
    }
    if p.scenes && p.by_label.is_some() {
        return Err("--scenes and --by-label: choose one".into());
    }
    if p.frame_stats.is_some() && p.idle_stats.is_some() {
        return Err("--frame-stats and --idle-stats: choose one".into());
    }
    if p.stock && !p.bare {
        return Err("--stock is a kind of bare window: use it with --bare".into());
    }
    if p.bare && p.frame_stats.is_none() {
        return Err("--bare measures a bare window: use it with --frame-stats".into());
    }
    Ok(Command::Play(p))
}
