//! The phone's moments (issue 35, a little life): the flash of the screenshot it takes by
//! itself, and a message arriving as a banner that rises over the foot of the screen (the
//! top is where the sounds' captions go). Each plays
//! once on the change and then the phone rests (`ui::motion`).

use super::*;
use crate::ui::motion::{self, Start};

/// How long the screenshot's flash lasts.
const FLASH_SECONDS: f32 = 0.45;
/// How long a new message's banner stays.
const BANNER_SECONDS: f32 = 2.2;

/// Draws the phone's moments over its body at `phone` (the screen inside the rim).
pub(super) fn draw(ui: &egui::Ui, v: &View, phone: egui::Rect) {
    let ctx = ui.ctx();
    let p = ui.painter().with_clip_rect(phone);
    let screen = phone.shrink(10.0);
    // The screenshot: the screen flashes white, as a camera's shutter.
    let shots = v.s.shots_so_far().count() as u64;
    if let Some(t) = motion::moment(
        ctx,
        egui::Id::new("phone flash"),
        shots,
        FLASH_SECONDS,
        Start::OnChange,
    ) {
        let fade = 1.0 - motion::ease(t);
        p.rect_filled(screen, 16.0, Color32::from_white_alpha((fade * 90.0) as u8));
        // A camera's frame: white corners closing in on the screen.
        let white = Color32::from_white_alpha((fade * 255.0) as u8);
        let inset = screen.shrink(8.0 + 10.0 * motion::ease(t));
        let arm = 22.0;
        let line = egui::Stroke::new(3.0, white);
        for (c, dx, dy) in [
            (inset.left_top(), 1.0, 1.0),
            (inset.right_top(), -1.0, 1.0),
            (inset.left_bottom(), 1.0, -1.0),
            (inset.right_bottom(), -1.0, -1.0),
        ] {
            p.line_segment([c, c + egui::vec2(dx * arm, 0.0)], line);
            p.line_segment([c, c + egui::vec2(0.0, dy * arm)], line);
        }
    }
    // A message arrived: the newest conversation's name on a banner.
    let newest =
        v.s.phone
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Thread)
            .max_by_key(|i| i.id);
    let id = egui::Id::new("phone message");
    let key = newest.map_or(0, |i| i.id as u64 + 1);
    if motion::last_key(ctx, id).is_some_and(|k| key < k) {
        // Fewer, not more (a message deleted, a new game): not news.
        motion::settle(ctx, id, key);
    }
    let (Some(item), Some(t)) = (
        newest,
        motion::moment(ctx, id, key, BANNER_SECONDS, Start::OnChange),
    ) else {
        return;
    };
    let rise = motion::ease((t / 0.15).min(1.0));
    let fade = 1.0 - motion::ease(((t - 0.8) / 0.2).max(0.0));
    let h = 40.0;
    let banner = egui::Rect::from_min_size(
        egui::pos2(
            screen.left() + 6.0,
            screen.bottom() - 84.0 - h + (h + 84.0) * (1.0 - rise),
        ),
        egui::vec2(screen.width() - 12.0, h),
    );
    let glass = |c: Color32| c.gamma_multiply(fade);
    p.rect_filled(banner, 10.0, glass(Color32::from_rgb(236, 238, 242)));
    p.text(
        banner.left_center() + egui::vec2(12.0, 0.0),
        egui::Align2::LEFT_CENTER,
        format!("✉  {}", v.s.item_name(item).get(v.lang)),
        egui::FontId::proportional(BODY),
        glass(Color32::from_rgb(30, 34, 44)),
    );
}
