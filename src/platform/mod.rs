//! What differs between desktop and web. On desktop: save files on disk.

use crate::rules::Action;
use crate::screens::{Menu, Session};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Bumped whenever the rules change in a way that would replay old saves differently.
pub const SAVE_VERSION: u32 = 1;

/// A save is the level, the seed and the action log: replaying them rebuilds the game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveFile {
    pub version: u32,
    pub level: String,
    pub seed: u64,
    pub actions: Vec<Action>,
    /// Where in `actions` each day began.
    pub day_starts: Vec<usize>,
}

pub fn save_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("HAEJU_SAVE_DIR") {
        return PathBuf::from(d);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("haeju-trader")
}

pub fn save_path() -> PathBuf {
    save_dir().join("save.ron")
}

impl SaveFile {
    pub fn of(s: &Session) -> SaveFile {
        SaveFile {
            version: SAVE_VERSION,
            level: s.level.clone(),
            seed: s.seed,
            actions: s.log.clone(),
            day_starts: s.day_starts.clone(),
        }
    }
}

pub fn write(save: &SaveFile) -> Result<(), String> {
    let dir = save_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = ron::ser::to_string_pretty(save, ron::ser::PrettyConfig::default())
        .map_err(|e| e.to_string())?;
    // Write beside, then rename: a crash mid-write never leaves half a save.
    let tmp = dir.join("save.ron.tmp");
    std::fs::write(&tmp, text).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, save_path())
        .map_err(|e| format!("cannot write {}: {e}", save_path().display()))
}

/// Reads the save. A save that cannot be read or is from another version is moved aside
/// (never overwritten, never deleted) and the message says where it went.
pub fn read() -> Result<Option<SaveFile>, String> {
    let path = save_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let problem = match ron::from_str::<SaveFile>(&text) {
        Ok(s) if s.version == SAVE_VERSION => return Ok(Some(s)),
        Ok(s) => format!(
            "it was made by another version of the game ({} instead of {SAVE_VERSION})",
            s.version
        ),
        Err(e) => format!("it cannot be read ({e})"),
    };
    let aside = set_aside(&path);
    Err(format!(
        "The saved game could not be continued: {problem}. It was kept as {}.",
        aside.display()
    ))
}

fn set_aside(path: &std::path::Path) -> PathBuf {
    for n in 1.. {
        let p = path.with_extension(format!("ron.unreadable-{n}"));
        if !p.exists() {
            return match std::fs::rename(path, &p) {
                Ok(()) => p,
                Err(_) => path.to_path_buf(),
            };
        }
    }
    path.to_path_buf()
}

/// Rebuilds a session from a save, up to the start of `day` (all of it when None).
pub fn restore(save: &SaveFile, day: Option<usize>) -> Result<Session, String> {
    let upto = match day {
        Some(d) => *save
            .day_starts
            .get(d)
            .ok_or_else(|| format!("the save has no day {}", d + 1))?,
        None => save.actions.len(),
    };
    let actions = save
        .actions
        .get(..upto)
        .ok_or("the save's day list does not match its actions")?;
    Session::replay(&save.level, save.seed, actions)
}

/// Autosave at the start of each day.
pub fn autosave(session: Option<Res<Session>>, mut menu: ResMut<Menu>) {
    if let Some(s) = session
        && let Err(e) = write(&SaveFile::of(&s))
    {
        menu.message = Some(format!("Could not save: {e}"));
    }
}
