//! The settings kept for the next game whenever the player changes them (the type is
//! `crate::settings`).

use super::*;

/// How fast text appears (kept between games: `crate::settings`).
pub use crate::settings::Speed as TextSpeed;
pub use crate::settings::{Intensity, Settings};

/// The settings as last kept for the next game; `None` where nothing is kept (the tour and
/// the measuring runs, whose settings are their own).
#[derive(Resource, Default, Clone, PartialEq, Debug)]
pub struct KeptPrefs(pub Option<crate::settings::Prefs>);

/// Keeps the settings whenever the player changes what is kept of them.
pub(super) fn keep_settings(
    st: Res<Settings>,
    mut kept: ResMut<KeptPrefs>,
    mut note: ResMut<Note>,
) {
    let now = st.prefs.clone();
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
