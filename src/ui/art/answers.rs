//! Her answers at a stop, each drawn on its button (the phone held out on her hand, an open
//! hand, a speech bubble, banknotes, a raised palm). Split from stop.rs.

use super::stop::lit_phone;
use super::*;

/// What each answer at a stop does, drawn on its button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The phone held out on her open hand.
    HandOver,
    /// An open empty hand: she waits for what they decide.
    Wait,
    /// A speech bubble: an excuse.
    Talk,
    /// Banknotes, one over another.
    Offer,
    /// A raised palm: no.
    Refuse,
}

/// The drawing of `answer` in `r` (a button's icon, about 27 by 22 points).
pub fn answer_icon(p: &Painter, r: Rect, answer: Answer) {
    let s = r.height();
    let c = r.center();
    let ink = Color32::from_rgb(52, 44, 38);
    // Her open hand, palm up, reaching to the right.
    let open_hand = |at: Pos2, width: f32| {
        super::people::hand_at(p, at, vec2(1.0, -0.35).normalized(), width, -1.0, SKIN);
    };
    match answer {
        Answer::Wait => open_hand(c + vec2(-0.05 * s, 0.12 * s), 0.7 * s),
        Answer::HandOver => {
            open_hand(c + vec2(-0.1 * s, 0.2 * s), 0.62 * s);
            let phone =
                Rect::from_center_size(c + vec2(0.16 * s, -0.1 * s), vec2(0.36 * s, 0.62 * s));
            lit_phone(p, phone, 0.05 * s, (2.0, 1.0));
        }
        Answer::Talk => {
            let bubble = Rect::from_center_size(c - vec2(0.0, 0.08 * s), vec2(1.05 * s, 0.66 * s));
            fill(
                p,
                vec![
                    bubble.left_bottom() + vec2(0.2 * s, -0.05 * s),
                    bubble.left_bottom() + vec2(0.42 * s, -0.05 * s),
                    bubble.left_bottom() + vec2(0.12 * s, 0.3 * s),
                ],
                Color32::from_rgb(250, 248, 240),
            );
            p.rect_filled(bubble, 0.2 * s, Color32::from_rgb(250, 248, 240));
            p.rect_stroke(
                bubble,
                0.2 * s,
                Stroke::new(1.0, ink),
                egui::StrokeKind::Inside,
            );
            for k in [-1.0f32, 0.0, 1.0] {
                p.circle_filled(bubble.center() + vec2(k * 0.24 * s, 0.0), 0.06 * s, ink);
            }
        }
        Answer::Offer => {
            let note = |at: Pos2, color: Color32| {
                let n = Rect::from_center_size(at, vec2(1.0 * s, 0.52 * s));
                p.rect_filled(n, 2.0, color);
                p.rect_stroke(
                    n,
                    2.0,
                    Stroke::new(1.0, color.lerp_to_gamma(ink, 0.5)),
                    egui::StrokeKind::Inside,
                );
                p.circle_stroke(
                    n.center(),
                    0.14 * s,
                    Stroke::new(1.0, color.lerp_to_gamma(ink, 0.5)),
                );
            };
            note(
                c + vec2(-0.08 * s, -0.16 * s),
                Color32::from_rgb(170, 150, 196),
            );
            note(
                c + vec2(0.08 * s, 0.14 * s),
                Color32::from_rgb(150, 184, 150),
            );
        }
        Answer::Refuse => {
            super::people::hand_at(
                p,
                c + vec2(0.0, 0.24 * s),
                vec2(0.0, -1.0),
                0.66 * s,
                1.0,
                SKIN,
            );
        }
    }
}
