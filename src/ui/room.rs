//! A picture as tall as the room a screen leaves it (issue 35: the picture the main thing on
//! the screen, the choices under it still in sight). What follows the picture is measured as
//! it is drawn; the next frame gives the picture the window's height less that, within its
//! bounds. Reactive frames: a changed measure asks for one more frame, then the screen rests.

use bevy_egui::egui;

/// The room's measure, between the picture and the end of what must stay in sight.
pub struct Room {
    id: egui::Id,
    from: f32,
    foot: egui::Id,
    /// The choices' height on the picture's foot, as last measured (None before a measure).
    kept_foot: Option<f32>,
}

/// Allocates a picture across the page (up to `max_width`), `min` to `max` points tall (and
/// no taller than `aspect` of its width), as tall as the rest of the window allows once what
/// follows it (`Room::end`) was measured; `key` names the screen's measure.
pub fn picture(
    ui: &mut egui::Ui,
    key: &str,
    (min, max): (f32, f32),
    aspect: f32,
    max_width: f32,
) -> (egui::Response, Room) {
    let id = below_id(key);
    // (Before a first measure: about a screen's buttons and lines.)
    let below = ui.data(|d| d.get_temp::<f32>(id)).unwrap_or(340.0);
    // A note laid on the picture (the guide's) needs the picture at least as tall as it.
    // (Over the choices laid on its foot, if any.)
    let foot_id = egui::Id::new(("choices on the picture's foot", key));
    let kept_foot = ui.data(|d| d.get_temp::<f32>(foot_id));
    let foot = kept_foot.unwrap_or(0.0);
    let min = match note(ui) {
        Some(h) => min.max(h + 2.0 * NOTE_INSET + foot).min(max),
        None => min,
    };
    let room = ui.clip_rect().bottom() - ui.cursor().top() - below - 12.0;
    let width = ui.available_width().min(max_width);
    let height = room
        .clamp(min, max)
        .min(width * aspect)
        .max(min.min(width * aspect));
    let (_, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let free = resp.rect.with_max_y(resp.rect.bottom() - foot);
    ui.data_mut(|d| d.insert_temp(picture_id(), free));
    let from = resp.rect.bottom();
    (
        resp,
        Room {
            id,
            from,
            foot: foot_id,
            kept_foot,
        },
    )
}

impl Room {
    /// The choices laid on the picture's foot were `height` tall (a note laid on the picture
    /// keeps above them; kept for the next frame).
    pub fn foot(&self, ui: &egui::Ui, height: f32) {
        remember(ui, self.foot, height, 1.0);
    }

    /// The choices' height on the picture's foot as last measured, if it was.
    pub fn kept_foot(&self) -> Option<f32> {
        self.kept_foot
    }

    /// Whether a note is laid on this frame's picture.
    pub fn noted(ui: &egui::Ui) -> bool {
        note(ui).is_some()
    }

    /// Where what must stay in sight ends: keeps its height for the next frame, and draws
    /// once more when it changed.
    pub fn end(&self, ui: &egui::Ui) {
        remember(ui, self.id, ui.cursor().top() - self.from, 2.0);
    }

    /// `end` for a screen whose stages follow one another under one picture (a stop): keeps
    /// the most that has followed it, and never less than `least`, so that the picture keeps
    /// its height from stage to stage (`forget` at the screen's start).
    pub fn end_steady(&self, ui: &egui::Ui, least: f32) {
        let kept = ui.data(|d| d.get_temp::<f32>(self.id)).unwrap_or(0.0);
        let now = (ui.cursor().top() - self.from).max(least);
        remember(ui, self.id, now.max(kept), 2.0);
    }
}

/// Forgets what followed the picture named `key` (a new stop begins with its own measure).
pub fn forget(ctx: &egui::Context, key: &str) {
    ctx.data_mut(|d| d.remove_temp::<f32>(below_id(key)));
}

/// Where the height of what follows the picture named `key` is kept.
fn below_id(key: &str) -> egui::Id {
    egui::Id::new(("room below the picture", key))
}

/// How far a note laid on a picture sits inside its edges.
pub const NOTE_INSET: f32 = 10.0;

fn picture_id() -> egui::Id {
    egui::Id::new("the screen's picture")
}

fn note_id() -> egui::Id {
    egui::Id::new("a note on the picture")
}

/// The frame begins: a note (named `note`: each screen's its own) is to be laid on this
/// screen's picture, or none; the last frame's picture is forgotten.
pub fn note_pending(ui: &egui::Ui, note: Option<&str>) {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.data_mut(|d| {
        d.remove::<egui::Rect>(picture_id());
        match note {
            Some(name) => {
                let id = note_id().with(name);
                if d.get_temp::<egui::Id>(note_id()) != Some(id) {
                    d.remove_temp::<f32>(note_id());
                }
                d.insert_temp(note_id(), id);
                d.insert_temp(note_id().with("pass"), pass);
            }
            None => {
                d.remove_temp::<f32>(note_id());
                d.remove::<egui::Id>(note_id());
            }
        }
    });
}

/// The height of the note to be laid on the picture (as it was last drawn; 0 before it is),
/// if one is to be laid in this pass (a screen without the guide after one with it lays none).
fn note(ui: &egui::Ui) -> Option<f32> {
    let pass = ui.ctx().cumulative_pass_nr();
    ui.data(|d| {
        (d.get_temp::<u64>(note_id().with("pass")) == Some(pass))
            .then(|| d.get_temp::<f32>(note_id()).unwrap_or(0.0))
    })
}

/// Where a note `width` wide goes on the picture drawn this frame: inside its top right
/// corner, above any choices laid on its foot (None if the screen drew no picture).
pub fn note_place(ui: &egui::Ui, width: f32) -> Option<egui::Rect> {
    let pic = ui.data(|d| d.get_temp::<egui::Rect>(picture_id()))?;
    Some(egui::Rect::from_min_size(
        egui::pos2(pic.right() - width - NOTE_INSET, pic.top() + NOTE_INSET),
        egui::vec2(width, (pic.height() - 2.0 * NOTE_INSET).max(0.0)),
    ))
}

/// The note laid on the picture was `height` tall (kept for the next frame's picture). While
/// it stays, the tallest it has been is kept: a note whose lines wrap one way with the page's
/// scroll bar and another way without it would otherwise resize the picture every frame.
pub fn note_drawn(ui: &egui::Ui, height: f32) {
    let before = note(ui).unwrap_or(0.0);
    remember(ui, note_id(), height.max(before), 1.0);
}

/// A size measured as it was drawn, kept under `id` for the next frame's layout; when it
/// changed by more than `slack`, one more frame is asked for (then the screen rests).
pub fn remember(ui: &egui::Ui, id: egui::Id, value: f32, slack: f32) {
    let before = ui.data(|d| d.get_temp::<f32>(id));
    if before.is_none_or(|b| (b - value).abs() > slack) {
        ui.data_mut(|d| d.insert_temp(id, value));
        ui.ctx().request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screens::shared::frame_at;

    /// At 1280×720 beside the phone, a picture of 80 to 300 points with `below` points of
    /// choices under it: its height, where the choices end and where the window does.
    fn drawn(below: f32, zoom: f32) -> (f32, f32, f32) {
        let mut got = (0.0, 0.0, 0.0);
        frame_at(&[], false, zoom, true, 3, |ui| {
            let (pic, room) = picture(ui, "test", (80.0, 300.0), 0.4, f32::INFINITY);
            ui.allocate_exact_size(egui::vec2(10.0, below), egui::Sense::hover());
            let end = ui.cursor().top();
            room.end(ui);
            got = (pic.rect.height(), end, ui.clip_rect().bottom());
        });
        got
    }

    /// The picture is as large as its bounds allow where the choices are few, shrinks so that
    /// they stay in the window where they are many, and never under its least where they
    /// cannot all fit (at twice the text size as well).
    #[test]
    fn the_picture_takes_the_room_its_choices_leave() {
        let (h, _, _) = drawn(60.0, 1.0);
        assert_eq!(h, 300.0, "few choices: the largest picture");
        for below in [450.0, 520.0, 580.0] {
            let (h, end, bottom) = drawn(below, 1.0);
            assert!(h > 80.0 && h < 300.0, "{below}: {h}");
            assert!(
                end <= bottom + 0.5,
                "{below}: the choices end at {end}, the window at {bottom}"
            );
            assert!(
                end >= bottom - 20.0,
                "{below}: room left unused: {end} of {bottom}"
            );
        }
        let (h, end, bottom) = drawn(900.0, 1.0);
        assert_eq!(h, 80.0, "too many choices to fit: the least picture");
        assert!(end > bottom);
        let (h, end, bottom) = drawn(150.0, 2.0);
        assert!(
            h >= 80.0 && end <= bottom + 0.5,
            "×2: {h}, {end} of {bottom}"
        );
    }

    /// A note laid on the picture (the guide's): the picture grows to hold it above the
    /// choices on its foot (picture 80 to 300 points, the note 200, the foot 40), the note's
    /// place inside the picture's top right and above the foot; without a note the picture
    /// is as small as the choices under it ask.
    #[test]
    fn a_note_on_the_picture_fits_above_its_foot() {
        let run = |noted: bool| {
            let mut got = (egui::Rect::NOTHING, None);
            frame_at(&[], false, 1.0, true, 4, |ui| {
                note_pending(ui, noted.then_some("test"));
                let (pic, room) = picture(ui, "note test", (80.0, 300.0), 0.4, f32::INFINITY);
                room.foot(ui, 40.0);
                ui.allocate_exact_size(egui::vec2(10.0, 520.0), egui::Sense::hover());
                room.end(ui);
                if noted {
                    note_drawn(ui, 200.0);
                }
                got = (pic.rect, note_place(ui, 300.0));
            });
            got
        };
        let (pic, place) = run(true);
        let place = place.expect("a place for the note");
        assert!(pic.height() >= 200.0 + 2.0 * NOTE_INSET + 40.0, "{pic:?}");
        assert!(pic.contains_rect(place), "{place:?} in {pic:?}");
        assert!(
            place.bottom() <= pic.bottom() - 40.0,
            "over the foot: {place:?}"
        );
        assert!(place.height() >= 200.0, "{place:?}");
        assert!((place.right() - (pic.right() - NOTE_INSET)).abs() < 0.5);
        let (bare, _) = run(false);
        assert!(bare.height() < 200.0, "no note: {bare:?}");
    }
}
