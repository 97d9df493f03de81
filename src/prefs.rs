//! The player's settings kept from one game to the next (issue 16): language, size,
//! intensity, text speed, time pressure, fact cards, reduced motion, sound and volume, the
//! theme and the player's keys. Kept
//! as a small RON file beside the save on desktop and as `haeju-trader.settings` in the
//! browser's localStorage. Engine-free: the window turns them into its settings and back.
//!
//! What a facilitator sets for one session (the class code, fewer days, the level and seed,
//! the first-morning guide) is not kept: the next player starts from the room's defaults.

use crate::rules::Lang;
use serde::{Deserialize, Serialize};

/// The text sizes the Settings screen offers.
pub const SCALES: std::ops::RangeInclusive<f32> = 0.75..=2.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub scale: f32,
    /// The full intensity of the content (default gentle).
    pub full_intensity: bool,
    /// The facilitator locked the intensity for the class (the notice does not offer it).
    pub lock_intensity: bool,
    pub text_speed: Speed,
    pub no_timer: bool,
    pub facts: bool,
    pub reduce_motion: bool,
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
            full_intensity: false,
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
            full_intensity: true,
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
}
