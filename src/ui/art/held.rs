//! Her hand round the phone (issue 35: "the phone as something in her hand", not a panel):
//! her thumb over its left edge, her fingertips round its right, her sleeve at its foot. Drawn
//! on the phone's rim only, never on its screen; not while an inspector holds it.

use super::figure::{INK, ink};
use super::*;

/// Her left hand holding the phone whose outer edge is `phone` (its rim `rim` wide): the
/// phone lies in her palm, the thumb over its left edge, four fingertips round its right,
/// her coat's sleeve at the foot of its left edge. Returns where the thumb lies (for tests).
pub fn holding_phone(p: &Painter, phone: Rect, rim: f32) -> Rect {
    let line = ink(160.0);
    let sleeve = clothes(TRADER);
    // The sleeve's cuff, round the wrist at the phone's foot on the left, coming from below.
    let wrist = pos2(phone.left() + rim * 0.4, phone.bottom() - rim * 2.2);
    let cuff = vec![
        pos2(phone.left() - rim * 3.0, phone.bottom() + rim),
        pos2(phone.left() - rim * 2.6, wrist.y - rim * 2.2),
        pos2(wrist.x + rim * 0.9, wrist.y - rim * 0.4),
        pos2(wrist.x + rim * 1.2, phone.bottom() + rim),
    ];
    p.add(egui::Shape::convex_polygon(cuff, sleeve, line));
    // The heel of the hand at the phone's left edge over the cuff.
    let heel = pos2(phone.left() - rim * 0.2, phone.bottom() - rim * 5.0);
    p.add(egui::Shape::ellipse_filled(
        heel,
        vec2(rim * 1.3, rim * 3.4),
        SKIN,
    ));
    p.add(egui::Shape::ellipse_stroke(
        heel,
        vec2(rim * 1.3, rim * 3.4),
        line,
    ));
    // The thumb, from the heel of the hand up and over the left edge, its nail toward the
    // screen (on the rim and the screen's dark margin, never on what it shows).
    let base = heel + vec2(rim * 0.2, -rim * 2.6);
    let tip = pos2(phone.left() + rim * 0.8, base.y - rim * 4.2);
    let w = rim * 1.9;
    p.line_segment([base, tip], Stroke::new(w + line.width * 2.0, INK));
    p.line_segment([base, tip], Stroke::new(w, SKIN));
    p.circle_filled(tip, w / 2.0 + line.width, INK);
    p.circle_filled(tip, w / 2.0, SKIN);
    let nail = tip + (base - tip).normalized() * (w * 0.35);
    p.add(egui::Shape::ellipse_filled(
        nail,
        vec2(w * 0.28, w * 0.34),
        SKIN.lerp_to_gamma(Color32::WHITE, 0.35),
    ));
    // Four fingers round the right edge, side by side, their tips over the rim (round dots
    // read as buttons on its side): the lowest the smallest.
    let mut y = phone.bottom() - rim * 20.0;
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
        y += h + rim * 0.12;
    }
    Rect::from_two_pos(base, tip).expand(w / 2.0)
}
