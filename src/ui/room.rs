//! A picture as tall as the room a screen leaves it (issue 35: the picture the main thing on
//! the screen, the choices under it still in sight). What follows the picture is measured as
//! it is drawn; the next frame gives the picture the window's height less that, within its
//! bounds. Reactive frames: a changed measure asks for one more frame, then the screen rests.

use bevy_egui::egui;

/// The room's measure, between the picture and the end of what must stay in sight.
pub struct Room {
    id: egui::Id,
    from: f32,
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
    let id = egui::Id::new(("room below the picture", key));
    // (Before a first measure: about a screen's buttons and lines.)
    let below = ui.data(|d| d.get_temp::<f32>(id)).unwrap_or(340.0);
    let room = ui.clip_rect().bottom() - ui.cursor().top() - below - 12.0;
    let width = ui.available_width().min(max_width);
    let height = room
        .clamp(min, max)
        .min(width * aspect)
        .max(min.min(width * aspect));
    let (_, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let from = resp.rect.bottom();
    (resp, Room { id, from })
}

impl Room {
    /// Where what must stay in sight ends: keeps its height for the next frame, and draws
    /// once more when it changed.
    pub fn end(self, ui: &egui::Ui) {
        remember(ui, self.id, ui.cursor().top() - self.from, 2.0);
    }
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
}
