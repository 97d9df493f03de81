//! A saved game: the level, the seed and the action log (replaying them rebuilds the
//! game). Engine-free, so that the command line can read saves for class reports.

use crate::rules::Action;
use serde::{Deserialize, Serialize};

/// Bumped whenever the rules change in a way that would replay old saves differently.
pub const SAVE_VERSION: u32 = 7;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveFile {
    pub version: u32,
    pub level: String,
    pub seed: u64,
    pub actions: Vec<Action>,
    /// Where in `actions` each day began.
    pub day_starts: Vec<usize>,
    /// The class code the game was started with (education mode), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_code: Option<String>,
    /// Days of the session when a facilitator chose fewer than the level has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// The class's before/after check, as far as it was answered (`crate::check`).
    #[serde(default, skip_serializing_if = "crate::check::Answers::is_empty")]
    pub check: crate::check::Answers,
    /// The game's own identity, made when it started (random, anonymous): every export of
    /// one game carries it, so a class counts the game once.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The content at full intensity for this game (chosen on the notice screen; the
    /// facilitator's setting otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_intensity: bool,
    /// The class's reading arm: this student reads the level's story and fact cards
    /// instead of playing, and takes the same check (`crate::check::reads`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reading: bool,
    /// Where the player was when it was saved (`town`, `trade`, `evening`; empty: at home
    /// in the morning): the game is saved after every action, and a reload resumes there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
}

impl SaveFile {
    pub fn to_text(&self) -> Result<String, String> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())
    }

    /// Reads a save; the message says why one cannot be used.
    pub fn parse(text: &str) -> Result<SaveFile, String> {
        match ron::from_str::<SaveFile>(text) {
            Ok(s) if s.version == SAVE_VERSION => Ok(s),
            Ok(s) => Err(format!(
                "it was made by another version of the game ({} instead of {SAVE_VERSION})",
                s.version
            )),
            Err(e) => Err(format!("it cannot be read ({e})")),
        }
    }
}
