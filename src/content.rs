//! Reading level files and the fact catalog (the rules core does no I/O). The shipped
//! levels are also compiled in, so the game runs from any folder and in the browser;
//! a file on disk with the same name wins, so teachers can edit levels without rebuilding.

use crate::rules::{
    FactCatalog, Problem, World, check_catalog, check_level, parse_catalog, parse_level,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The shipped levels and catalog, by file name.
pub const BUNDLED: [(&str, &str); 4] = [
    (
        "01-spring-2024.ron",
        include_str!("../levels/01-spring-2024.ron"),
    ),
    (
        "02-winter-2024.ron",
        include_str!("../levels/02-winter-2024.ron"),
    ),
    (
        "03-kursk-2025.ron",
        include_str!("../levels/03-kursk-2025.ron"),
    ),
    ("facts.ron", include_str!("../levels/facts.ron")),
];

fn bundled(path: &Path) -> Option<&'static str> {
    let name = path.file_name()?.to_str()?;
    BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, src)| *src)
}

/// Where the shipped levels live: `./levels`, else next to the crate's manifest.
pub fn levels_dir() -> PathBuf {
    let here = PathBuf::from("levels");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("levels")
}

/// Every `.ron` file in the levels folder (or the bundled ones where there is no
/// folder, as in the browser), sorted.
pub fn level_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(levels_dir())
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    if v.is_empty() {
        v = BUNDLED.iter().map(|(n, _)| levels_dir().join(n)).collect();
    }
    v.sort();
    v
}

/// A level file's text: from disk, else the bundled copy of a shipped file.
pub fn read_text(path: &Path) -> Result<String, Problem> {
    match std::fs::read_to_string(path) {
        Ok(s) => Ok(s),
        Err(e) => bundled(path)
            .map(str::to_string)
            .ok_or_else(|| io_problem(path, e)),
    }
}

fn io_problem(path: &Path, e: impl std::fmt::Display) -> Problem {
    Problem {
        file: path.display().to_string(),
        line: 1,
        col: 1,
        message: format!("cannot read the file: {e}"),
    }
}

/// A catalog file starts with `FactCatalog(`; anything else is read as a level.
fn is_catalog(src: &str) -> bool {
    src.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("FactCatalog"))
}

fn load_catalog(path: &Path) -> Result<FactCatalog, Vec<Problem>> {
    let file = path.display().to_string();
    let src = read_text(path).map_err(|p| vec![p])?;
    let cat = parse_catalog(&file, &src).map_err(|p| vec![p])?;
    let problems = check_catalog(&file, &src, &cat);
    if problems.is_empty() {
        Ok(cat)
    } else {
        Err(problems)
    }
}

/// Parses and checks a level with its catalog; returns the level, the catalog and the
/// level's own problems, or the problems that stopped it from being read.
fn read_level(
    path: &Path,
) -> Result<(crate::rules::Level, FactCatalog, Vec<Problem>), Vec<Problem>> {
    let file = path.display().to_string();
    let src = read_text(path).map_err(|p| vec![p])?;
    let level = parse_level(&file, &src).map_err(|p| vec![p])?;
    let cat_path = path
        .parent()
        .unwrap_or(Path::new("."))
        .join(&level.facts_catalog);
    let cat = load_catalog(&cat_path)?;
    let problems = check_level(&file, &src, &level, &cat);
    Ok((level, cat, problems))
}

/// Checks one file (a level or a fact catalog).
pub fn check_file(path: &Path) -> Vec<Problem> {
    let src = match read_text(path) {
        Ok(s) => s,
        Err(p) => return vec![p],
    };
    if is_catalog(&src) {
        return load_catalog(path).err().unwrap_or_default();
    }
    match read_level(path) {
        Ok((_, _, problems)) => problems,
        Err(problems) => problems,
    }
}

/// Checks files, reporting each problem once.
pub fn check_paths(paths: &[PathBuf]) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    for p in paths {
        for problem in check_file(p) {
            if !out.contains(&problem) {
                out.push(problem);
            }
        }
    }
    out
}

/// Loads a level ready to play: a path, a file stem in `levels/` or a level id.
pub fn load_level(name: &str) -> Result<Arc<World>, Vec<Problem>> {
    let path = resolve_level(name).ok_or_else(|| {
        let known: Vec<String> = level_files()
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|s| s != "facts")
            .collect();
        vec![Problem {
            file: name.to_string(),
            line: 1,
            col: 1,
            message: format!(
                "no such level: expected a file path or one of: {}",
                known.join(", ")
            ),
        }]
    })?;
    let (level, cat, problems) = read_level(&path)?;
    if !problems.is_empty() {
        return Err(problems);
    }
    World::new(level, cat)
        .map(Arc::new)
        .map_err(|m| vec![io_problem(&path, m)])
}

/// [`load_level`] cut to `days` (a facilitator's shorter session); None or more days than
/// the level has leave it whole.
pub fn load_level_days(name: &str, days: Option<u32>) -> Result<Arc<World>, Vec<Problem>> {
    let world = load_level(name)?;
    match days {
        Some(d) if d >= 1 && d < world.level.days => {
            let mut lv = world.level.clone();
            lv.days = d;
            World::new(lv, world.catalog.clone())
                .map(Arc::new)
                .map_err(|m| vec![io_problem(Path::new(name), m)])
        }
        _ => Ok(world),
    }
}

/// A class code as the game keeps it: letters and digits, upper case, 3 to 12 of them
/// (spaces and dashes are dropped, so "maple 7" and "MAPLE-7" are the same code).
pub fn class_code(code: &str) -> Option<String> {
    let c: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    // Letters of any script (a Korean class types "해주7반"), digits.
    let n = c.chars().count();
    ((3..=12).contains(&n) && c.chars().all(char::is_alphanumeric)).then_some(c)
}

/// The seed a class code stands for (FNV-1a over the code): everyone in the room who
/// types the same code plays the same days, on any machine and in the browser.
pub fn class_seed(code: &str) -> Option<u64> {
    let code = class_code(code)?;
    Some(code.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    }))
}

pub fn resolve_level(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(name);
    if p.is_file() {
        return Some(p);
    }
    for f in level_files() {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem == name
            || stem
                .split_once('-')
                .is_some_and(|(n, rest)| n == name || rest == name)
        {
            return Some(f);
        }
    }
    None
}

/// The fact cards a mechanic brings up, most specific first; a level shows the first of
/// them it carries.
pub fn mechanic_cards(e: &crate::rules::Event) -> Option<&'static [&'static str]> {
    use crate::rules::{Consequence, Event, Reject};
    Some(match e {
        Event::Screenshot { .. } => &["screenshots"],
        Event::AutoDeleted { .. } => &["auto-delete", "sd-card-scan"],
        Event::WordReplaced { .. } => &["oppa-comrade", "puppet-state"],
        Event::HeartRemoved { .. } => &["hearts-banned"],
        Event::TraceWiped { .. } => &["clean-trace-value"],
        Event::Converted { .. } => &["repair-stall"],
        Event::ChasedOff { .. } | Event::Rejected(Reject::MarketClosed) => &["market-hours"],
        Event::Rejected(Reject::PhotosBlocked) => &["photo-text-blocked"],
        Event::BribeAccepted { .. } | Event::BribeRefused { .. } => {
            &["bribe-2000", "bribe-3000", "bribes-doubled"]
        }
        Event::PasswordCracked => &["youth-league-teams"],
        Event::Consequence(Consequence::Arrest) => &["law-2020", "teens-12-years"],
        Event::Consequence(Consequence::CriticismSession) => &["struggle-session"],
        Event::PhoneBought { .. } => &["phone-price", "new-phone-2024"],
        Event::Called { .. } => &["phone-for-trade"],
        _ => return None,
    })
}

/// Every card a mechanic (or a search) can bring up: the morning cards are the others.
pub const MECHANIC_CARDS: [&str; 23] = [
    "testimony",
    "portrait-video",
    "screenshots",
    "auto-delete",
    "sd-card-scan",
    "oppa-comrade",
    "puppet-state",
    "hearts-banned",
    "clean-trace-value",
    "repair-stall",
    "market-hours",
    "photo-text-blocked",
    "bribe-2000",
    "bribe-3000",
    "bribes-doubled",
    "youth-league-teams",
    "law-2020",
    "teens-12-years",
    "struggle-session",
    "phone-price",
    "new-phone-2024",
    "phone-for-trade",
    "check-screenshots",
];

/// Cards about what happened to real people caught as a player can be (the debrief shows
/// those its level carries). Only reported cases: not the testimony's "what would happen".
pub const REAL_PEOPLE: [&str; 8] = [
    "video-fines",
    "bribe-2000",
    "bribe-3000",
    "broker-shakedown",
    "group-109",
    "teens-12-years",
    "struggle-session",
    "kursk-rumours",
];

/// The debrief's questions for a level (translation keys). The question about a mother's
/// missing son comes only after the level that tells of the soldiers (the guide marks it
/// optional).
pub fn debrief_questions(lv: &crate::rules::Level) -> Vec<&'static str> {
    let soldiers = lv.facts.iter().any(|f| f == "kursk-rumours");
    [
        "debrief.q1",
        "debrief.q2",
        "debrief.q3",
        "debrief.q4",
        "debrief.q5",
        "debrief.q6",
        "debrief.q7",
        "debrief.q8",
    ]
    .into_iter()
    .filter(|q| *q != "debrief.q7" || soldiers)
    .collect()
}
