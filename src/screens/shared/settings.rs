//! The settings: the player's and the facilitator's choices, kept between games.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Intensity {
    Gentle,
    Full,
}

/// How fast text appears (kept between games: `crate::prefs`).
pub use crate::prefs::Speed as TextSpeed;

#[derive(Resource, Clone, Debug, PartialEq)]
pub struct Settings {
    pub lang: Lang,
    pub scale: f32,
    pub facts: bool,
    /// The facilitator's intensity: each new game starts at it.
    pub intensity: Intensity,
    /// The facilitator locked it for the class: the notice shows it without the choice.
    pub intensity_locked: bool,
    pub text_speed: TextSpeed,
    /// No time pressure: text appears at once (the rules' clock never runs on its own).
    pub no_timer: bool,
    pub level: String,
    pub seed: u64,
    /// Facilitator: a class code (fixes the seed for the room) and a shorter session.
    pub class_code: String,
    pub days: Option<u32>,
    /// The first-morning guide (level 1): on unless a facilitator turns it off; which of
    /// its notes have been read (a bit per [`Hint`]).
    pub guide: bool,
    pub guide_seen: u8,
    /// Reduce motion: a walk arrives at once, nothing on screen moves by itself.
    pub reduce_motion: bool,
    /// Sound on or off, and its volume (0 to 10).
    pub sound: bool,
    pub volume: u8,
    /// The high-contrast theme.
    pub high_contrast: bool,
    /// The player's own keys (`ui::keys`).
    pub keys: Vec<(String, String)>,
    /// Facilitator: the before/after check when a class code is set (not kept).
    pub check: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lang: Lang::En,
            scale: 1.0,
            facts: true,
            intensity: Intensity::Gentle,
            intensity_locked: false,
            text_speed: TextSpeed::Normal,
            no_timer: false,
            level: "01".into(),
            seed: 2024,
            class_code: String::new(),
            days: None,
            guide: true,
            guide_seen: 0,
            reduce_motion: false,
            sound: true,
            volume: 7,
            high_contrast: false,
            keys: Vec::new(),
            check: true,
        }
    }
}

impl Settings {
    /// What of these settings is kept for the next game (`crate::prefs`).
    pub fn prefs(&self) -> crate::prefs::Prefs {
        crate::prefs::Prefs {
            lang: self.lang,
            scale: self.scale,
            full_intensity: self.intensity == Intensity::Full,
            lock_intensity: self.intensity_locked,
            text_speed: self.text_speed,
            no_timer: self.no_timer,
            facts: self.facts,
            reduce_motion: self.reduce_motion,
            sound: self.sound,
            volume: self.volume,
            high_contrast: self.high_contrast,
            keys: self.keys.clone(),
        }
    }

    /// These settings with the kept ones in place.
    pub fn with_prefs(self, p: &crate::prefs::Prefs) -> Settings {
        Settings {
            lang: p.lang,
            scale: p.scale,
            intensity: if p.full_intensity {
                Intensity::Full
            } else {
                Intensity::Gentle
            },
            intensity_locked: p.lock_intensity,
            text_speed: p.text_speed,
            no_timer: p.no_timer,
            facts: p.facts,
            reduce_motion: p.reduce_motion,
            sound: p.sound,
            volume: p.volume,
            high_contrast: p.high_contrast,
            keys: p.keys.clone(),
            ..self
        }
    }
}

/// The settings as last kept for the next game; `None` where nothing is kept (the tour and
/// the measuring runs, whose settings are their own).
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct KeptPrefs(pub Option<crate::prefs::Prefs>);

/// Keeps the settings whenever the player changes what is kept of them.
pub(super) fn keep_settings(
    st: Res<Settings>,
    mut kept: ResMut<KeptPrefs>,
    mut note: ResMut<Note>,
) {
    let now = st.prefs();
    if kept.0.as_ref().is_none_or(|last| *last == now) {
        return;
    }
    if let Err(e) = crate::platform::write_prefs(&now) {
        note.0 = Some(format!(
            "The settings could not be kept for next time: {e}."
        ));
    }
    kept.0 = Some(now);
}
