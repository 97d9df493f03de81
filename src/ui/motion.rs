//! A little life (issue 35, docs/art-direction.md "Motion"): short moments that play once
//! when something changes — the screenshot's flash, a message arriving, steam over the
//! bowls — never a loop. A moment asks for the next frame only while it plays, so an idle
//! screen draws nothing; "reduce motion" stills them all; the tour pins them half-way so
//! that its pictures show each one.

use bevy_egui::egui::{self, Id};

/// How moments move this frame (kept in egui's context, set each frame from the settings).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Motion {
    /// "Reduce motion": no moment plays.
    pub still: bool,
    /// The tour's pictures: a moment begun shows this far along (0 to 1) and stays.
    pub pin: Option<f32>,
}

/// The tour holds every moment (a resource; `screens` copies it into egui's context): still
/// (`None`), so that a picture never catches one by chance, or pinned this far along, for the
/// pictures of the moments themselves.
#[derive(bevy::prelude::Resource, Clone, Copy, Debug, PartialEq)]
pub struct Pinned(pub Option<f32>);

fn motion_id() -> Id {
    Id::new("haeju-trader motion")
}

/// Sets how moments move from now on.
pub fn set(ctx: &egui::Context, m: Motion) {
    ctx.data_mut(|d| d.insert_temp(motion_id(), m));
}

/// How moments move (still, pinned, or as they come).
pub fn get(ctx: &egui::Context) -> Motion {
    ctx.data(|d| d.get_temp(motion_id())).unwrap_or_default()
}

/// When a moment starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Start {
    /// On a change of its key after the first time it is seen: what was there when a screen
    /// came is not news (a restored game's last screenshot does not flash).
    OnChange,
    /// Also the first time it is seen: the evening's steam as the evening arrives.
    OnArrival,
}

/// A moment `id` that plays for `secs` each time `key` changes (and, with
/// [`Start::OnArrival`], the first time it is seen). Returns how far it has come (0 to 1)
/// while it plays, and asks for the next frame; `None` once it is over, with "reduce
/// motion", or when nothing changed.
pub fn moment(ctx: &egui::Context, id: Id, key: u64, secs: f32, start: Start) -> Option<f32> {
    let m = get(ctx);
    let now = ctx.input(|i| i.time);
    let id = id.with("moment");
    let seen: Option<(u64, f64)> = ctx.data(|d| d.get_temp(id));
    let began = match seen {
        Some((k, t)) if k == key => t,
        Some(_) => now,
        None if start == Start::OnArrival => now,
        // Never plays: begun long ago.
        None => f64::NEG_INFINITY,
    };
    if seen.is_none_or(|(k, _)| k != key) {
        ctx.data_mut(|d| d.insert_temp(id, (key, began)));
    }
    if m.still || !began.is_finite() {
        return None;
    }
    if let Some(f) = m.pin {
        return Some(f.clamp(0.0, 1.0));
    }
    let t = ((now - began) / secs.max(0.01) as f64) as f32;
    if t < 1.0 {
        ctx.request_repaint();
        Some(t.max(0.0))
    } else {
        None
    }
}

/// What a moment last saw, if it has seen anything.
pub fn last_key(ctx: &egui::Context, id: Id) -> Option<u64> {
    ctx.data(|d| d.get_temp::<(u64, f64)>(id.with("moment")))
        .map(|(k, _)| k)
}

/// Takes `key` as seen without playing the moment (a change that is not news: a message
/// deleted, a new game).
pub fn settle(ctx: &egui::Context, id: Id, key: u64) {
    ctx.data_mut(|d| d.insert_temp(id.with("moment"), (key, f64::NEG_INFINITY)));
}

/// Eased in and out (0 to 1): a moment's fades begin and end gently.
pub fn ease(t: f32) -> f32 {
    let t = t.clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one frame at `time` (seconds); returns the moment's progress and whether egui
    /// was asked for another frame.
    fn frame(ctx: &egui::Context, time: f64, key: u64, start: Start) -> (Option<f32>, bool) {
        let mut got = None;
        let mut out = ctx.run_ui(
            egui::RawInput {
                time: Some(time),
                ..Default::default()
            },
            |ui| got = moment(ui.ctx(), Id::new("test"), key, 0.5, start),
        );
        out.textures_delta.clear();
        let again = out
            .viewport_output
            .values()
            .any(|v| v.repaint_delay < std::time::Duration::from_secs(1));
        (got, again)
    }

    /// A context past its first frames (egui asks for more frames as it starts).
    fn fresh() -> egui::Context {
        let ctx = egui::Context::default();
        for t in [0.0, 0.1, 0.2] {
            let mut out = ctx.run_ui(
                egui::RawInput {
                    time: Some(t),
                    ..Default::default()
                },
                |_| {},
            );
            out.textures_delta.clear();
        }
        ctx
    }

    #[test]
    fn a_moment_plays_once_on_a_change_then_the_screen_rests() {
        let ctx = fresh();
        // Seen first: nothing plays (it was there already), nothing more is drawn.
        assert_eq!(frame(&ctx, 1.0, 7, Start::OnChange), (None, false));
        assert_eq!(frame(&ctx, 1.2, 7, Start::OnChange).0, None);
        // The key changes: it plays, and asks for frames while it does.
        let (t, again) = frame(&ctx, 2.0, 8, Start::OnChange);
        assert_eq!(t, Some(0.0));
        assert!(again, "a moment playing asks for its next frame");
        let (t, _) = frame(&ctx, 2.25, 8, Start::OnChange);
        assert!((t.unwrap() - 0.5).abs() < 1e-4, "{t:?}");
        // Over: nothing drawn, and (after the one frame egui adds to a request) no frame
        // asked for.
        assert_eq!(frame(&ctx, 2.6, 8, Start::OnChange).0, None);
        assert_eq!(frame(&ctx, 2.7, 8, Start::OnChange), (None, false));
    }

    #[test]
    fn a_moment_on_arrival_plays_the_first_time() {
        let ctx = fresh();
        assert_eq!(frame(&ctx, 1.0, 3, Start::OnArrival).0, Some(0.0));
        assert_eq!(frame(&ctx, 2.0, 3, Start::OnArrival).0, None);
    }

    #[test]
    fn reduce_motion_stills_every_moment_and_the_tour_pins_them() {
        let ctx = fresh();
        set(
            &ctx,
            Motion {
                still: true,
                pin: None,
            },
        );
        assert_eq!(frame(&ctx, 1.0, 3, Start::OnArrival), (None, false));
        assert_eq!(frame(&ctx, 1.1, 4, Start::OnChange), (None, false));
        set(
            &ctx,
            Motion {
                still: false,
                pin: Some(0.4),
            },
        );
        assert_eq!(frame(&ctx, 9.0, 5, Start::OnChange), (Some(0.4), false));
        assert_eq!(frame(&ctx, 99.0, 5, Start::OnChange), (Some(0.4), false));
    }
}
