//! The settings: one type, [`Settings`], of two parts.
//!
//! - [`Prefs`], what is kept from one game to the next (issue 16): language, size,
//!   intensity, text speed, time pressure, fact cards, reduced motion, sound and volume, the
//!   theme and the player's keys. Kept as a small RON file beside the save on desktop and
//!   as `haeju-trader.settings` in the browser's localStorage (`platform::write_prefs`).
//! - [`Setup`], what a facilitator sets for one session (the level and seed, the class code,
//!   fewer days, the first-morning guide, the check): not kept, so that the next player
//!   starts from the room's defaults.

use crate::rules::Lang;
use serde::{Deserialize, Serialize};

/// The player's and the facilitator's choices: the window's resource.
// (A Bevy resource in the window; the rules-only build, `--no-default-features`, has no Bevy.)
#[cfg_attr(feature = "gui", derive(bevy::prelude::Resource))]
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Kept between games.
    pub prefs: Prefs,
    /// This session's, not kept.
    pub setup: Setup,
}

/// The content's intensity: gentle (the default) or full.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Intensity {
    #[default]
    Gentle,
    Full,
}

/// What a facilitator sets for one session (not kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Setup {
    pub level: String,
    pub seed: u64,
    /// A class code (fixes the seed for the room) and a shorter session.
    pub class_code: String,
    pub days: Option<u32>,
    /// The first-morning guide (level 1): on unless a facilitator turns it off; which of
    /// its notes have been read (a bit per `screens::Hint`).
    pub guide: bool,
    pub guide_seen: u8,
    /// The before/after check when a class code is set.
    pub check: bool,
    /// Weeks after the session: the title offers the check alone (with a class code).
    pub later: bool,
    /// Who plays and who reads instead (with a class code: the reading arm).
    pub arm: Arm,
}

/// A class's two arms (issue 34, point 5): everyone plays (the default), everyone reads the
/// level's story and fact cards instead, or half of the class each (chosen per game from
/// the class code and its identity). Readers take the same check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Arm {
    #[default]
    Play,
    Read,
    Half,
}

impl Arm {
    pub const ALL: [Arm; 3] = [Arm::Play, Arm::Half, Arm::Read];

    pub fn key(self) -> &'static str {
        match self {
            Arm::Play => "play",
            Arm::Read => "read",
            Arm::Half => "half",
        }
    }

    /// Whether a game with this class code and identity reads instead of playing.
    pub fn reads(self, class_code: Option<&str>, id: &str) -> bool {
        class_code.is_some()
            && match self {
                Arm::Play => false,
                Arm::Read => true,
                Arm::Half => crate::check::reads(class_code, id),
            }
    }
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            level: "01".into(),
            seed: 2024,
            class_code: String::new(),
            days: None,
            guide: true,
            guide_seen: 0,
            check: true,
            later: false,
            arm: Arm::Play,
        }
    }
}

/// The text sizes the Settings screen offers.
pub const SCALES: std::ops::RangeInclusive<f32> = 0.75..=2.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub scale: f32,
    /// The facilitator's intensity: each new game starts at it (kept as `full_intensity`).
    #[serde(rename = "full_intensity", with = "full_intensity")]
    pub intensity: Intensity,
    /// The facilitator locked the intensity for the class (the notice does not offer it).
    pub lock_intensity: bool,
    /// How fast text appears.
    pub text_speed: Speed,
    /// No time pressure: text appears at once (the rules' clock never runs on its own).
    pub no_timer: bool,
    pub facts: bool,
    /// Reduce motion: a walk arrives at once, nothing on screen moves by itself.
    pub reduce_motion: bool,
    /// Sound on or off, and its volume (0 to 10).
    pub sound: bool,
    pub volume: u8,
    /// The high-contrast theme (text at 7:1 or more).
    pub high_contrast: bool,
    /// The player's own keys: (the game's key, the player's key), by egui's key names.
    pub keys: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speed {
    Slow,
    Normal,
    Instant,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::En,
            scale: 1.0,
            intensity: Intensity::Gentle,
            lock_intensity: false,
            text_speed: Speed::Normal,
            no_timer: false,
            facts: true,
            reduce_motion: false,
            sound: true,
            volume: 7,
            high_contrast: false,
            keys: Vec::new(),
        }
    }
}

/// The intensity as the kept file has always written it: `full_intensity: true`.
mod full_intensity {
    use super::Intensity;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(i: &Intensity, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(*i == Intensity::Full)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Intensity, D::Error> {
        Ok(if bool::deserialize(d)? {
            Intensity::Full
        } else {
            Intensity::Gentle
        })
    }
}

/// The game's language for a system's language list, most wanted first ("ko-KR",
/// "ko_KR.UTF-8", "en-US", "C.UTF-8"): the first that the game speaks, else English.
pub fn lang_of_locale(locales: &[String]) -> Lang {
    for l in locales {
        let l = l.to_ascii_lowercase();
        if l.starts_with("ko") {
            return Lang::Ko;
        }
        if l.starts_with("en") {
            return Lang::En;
        }
    }
    Lang::En
}

impl Prefs {
    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .unwrap_or_else(|_| String::new())
    }

    /// Reads kept settings. Fields missing from the text keep their defaults (an older file
    /// still reads); values out of range are brought into it. The message says why a text
    /// cannot be read at all.
    pub fn parse(text: &str) -> Result<Prefs, String> {
        let mut p: Prefs =
            ron::from_str(text).map_err(|e| format!("the settings cannot be read ({e})"))?;
        if !p.scale.is_finite() {
            p.scale = 1.0;
        }
        // The Settings screen's steps: a quarter at a time.
        p.scale = ((p.scale.clamp(*SCALES.start(), *SCALES.end())) * 4.0).round() / 4.0;
        p.volume = p.volume.min(10);
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_korean_system_opens_in_korean() {
        let l = |v: &[&str]| lang_of_locale(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(l(&["ko-KR", "en-US"]), Lang::Ko);
        assert_eq!(l(&["ko_KR.UTF-8"]), Lang::Ko);
        assert_eq!(l(&["en-GB", "ko"]), Lang::En);
        assert_eq!(l(&["fr-FR", "ko-KR"]), Lang::Ko);
        assert_eq!(l(&["C.UTF-8"]), Lang::En);
        assert_eq!(l(&[]), Lang::En);
    }

    #[test]
    fn settings_round_trip() {
        let p = Prefs {
            lang: Lang::Ko,
            scale: 1.5,
            intensity: Intensity::Full,
            lock_intensity: true,
            text_speed: Speed::Instant,
            no_timer: true,
            facts: false,
            reduce_motion: true,
            sound: false,
            volume: 3,
            high_contrast: true,
            keys: vec![("Enter".into(), "Home".into())],
        };
        assert_eq!(Prefs::parse(&p.to_text()), Ok(p));
    }

    #[test]
    fn a_damaged_or_partial_file_never_fails_silently() {
        let err = Prefs::parse("(lang: Ko, scale: ").unwrap_err();
        assert!(err.contains("cannot be read"), "{err}");
        assert!(Prefs::parse("not settings at all").is_err());
        // Missing fields keep their defaults; out-of-range values come into range.
        let p = Prefs::parse("(lang: Ko, scale: 9.0, volume: 99)").unwrap();
        assert_eq!(p.lang, Lang::Ko);
        assert_eq!(p.scale, 2.0);
        assert_eq!(p.volume, 10);
        assert!(p.sound && p.facts && !p.reduce_motion);
        assert_eq!(Prefs::parse("(scale: 1.3)").unwrap().scale, 1.25);
    }

    /// A settings file kept before the two halves were one type still reads as it was.
    #[test]
    fn a_file_kept_by_an_earlier_version_reads_the_same() {
        let p = Prefs::parse("(lang: Ko, full_intensity: true, lock_intensity: true)").unwrap();
        assert_eq!(
            (p.lang, p.intensity, p.lock_intensity),
            (Lang::Ko, Intensity::Full, true)
        );
        assert!(
            p.to_text().contains("full_intensity: true"),
            "{}",
            p.to_text()
        );
    }
}
