//! Her hand round the phone (issue 35: "the phone as something in her hand", not a panel):
//! her fingers round its right edge, from behind it. Drawn on the phone's rim only, never on
//! its screen; not while an inspector holds it. (A thumb rising over its left edge from her
//! sleeve read to two reviewers as a raised finger: a rude sign in a classroom.)

use super::figure::ink;
use super::*;

/// Her left hand holding the phone whose outer edge is `phone` (its rim `rim` wide): the phone
/// lies in her palm, four fingers round its right edge. Returns where the fingers lie.
pub fn holding_phone(p: &Painter, phone: Rect, rim: f32) -> Rect {
    let line = ink(160.0);
    // Four fingers round the right edge, side by side, their tips over the rim (round dots
    // read as buttons on its side): the lowest the smallest.
    let mut y = phone.bottom() - rim * 20.0;
    let mut fingers = Rect::NOTHING;
    for k in 0..4 {
        let h = rim * (2.0 - 0.12 * k as f32);
        let tip = Rect::from_min_size(
            pos2(phone.right() - rim * (0.75 - 0.06 * k as f32), y),
            vec2(rim * 2.2, h),
        );
        // (Its shadow on the rim first.)
        p.rect_filled(
            tip.translate(vec2(-rim * 0.25, rim * 0.2)),
            h * 0.45,
            Color32::from_black_alpha(70),
        );
        p.rect_filled(tip, h * 0.45, SKIN);
        p.rect_stroke(tip, h * 0.45, line, egui::StrokeKind::Outside);
        fingers = fingers.union(tip);
        y += h + rim * 0.12;
    }
    fingers
}
