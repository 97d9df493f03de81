//! The goods on her counter, each drawn its own way (rice a white-heaped sack, corn a yellow
//! one, oil two bottles …). Split from trade.rs.

use super::*;

/// One good standing on a counter at `c` (its foot), `s` wide: drawn so that a player
/// tells rice from corn, oil from sugar, without a word.
pub fn good(p: &Painter, c: Pos2, s: f32, id: &str) {
    let sack = |cloth: Color32, grain: Color32| {
        let body = Rect::from_min_max(
            pos2(c.x - s * 0.42, c.y - s * 0.78),
            pos2(c.x + s * 0.42, c.y),
        );
        p.rect_filled(body, egui::CornerRadius::same((s * 0.16) as u8), cloth);
        // Rolled open at the top, the grain heaped in it.
        rect(
            p,
            pos2(body.left() - s * 0.03, body.top()),
            pos2(body.right() + s * 0.03, body.top() + s * 0.12),
            (s * 0.05) as u8,
            cloth.lerp_to_gamma(Color32::WHITE, 0.25),
        );
        dome(
            p,
            pos2(c.x, body.top() + s * 0.02),
            vec2(s * 0.36, s * 0.16),
            grain,
        );
    };
    match id {
        "rice" => sack(
            Color32::from_rgb(214, 204, 180),
            Color32::from_rgb(248, 246, 238),
        ),
        "corn" => sack(
            Color32::from_rgb(196, 178, 140),
            Color32::from_rgb(226, 182, 70),
        ),
        "beans" => sack(
            Color32::from_rgb(180, 164, 130),
            Color32::from_rgb(214, 192, 130),
        ),
        "oil" => oil_bottles(p, c, s),
        "sugar" | "msg" => {
            // Paper bags, folded over: a big one of sugar, small packets of seasoning.
            let (w, hgt, n) = if id == "sugar" {
                (0.5, 0.58, 1)
            } else {
                (0.24, 0.3, 3)
            };
            for k in 0..n {
                let x = c.x + (k as f32 - (n - 1) as f32 / 2.0) * s * 0.28;
                let y = c.y - if n > 1 && k == 1 { s * 0.16 } else { 0.0 };
                let b = Rect::from_min_max(
                    pos2(x - s * w / 2.0, y - s * hgt),
                    pos2(x + s * w / 2.0, y),
                );
                p.rect_filled(b, 2.0, Color32::from_rgb(244, 242, 236));
                rect(
                    p,
                    b.left_top(),
                    pos2(b.right(), b.top() + s * hgt * 0.18),
                    2.0,
                    Color32::from_rgb(214, 208, 194),
                );
                // (An edge: white paper on a pale counter or page.)
                p.rect_stroke(
                    b,
                    2.0,
                    Stroke::new(1.0, Color32::from_rgb(140, 130, 116)),
                    egui::StrokeKind::Inside,
                );
                if id == "sugar" {
                    // The maker's blue band round the bag.
                    rect(
                        p,
                        pos2(b.left(), b.center().y - s * 0.06),
                        pos2(b.right(), b.center().y + s * 0.06),
                        0.0,
                        Color32::from_rgb(80, 116, 170),
                    );
                }
                if id == "msg" {
                    p.circle_filled(
                        b.center() + vec2(0.0, s * 0.03),
                        (s * 0.05).max(1.5),
                        Color32::from_rgb(70, 120, 170),
                    );
                }
            }
        }
        "pork" => {
            // A cut of pork on brown paper.
            ellipse(
                p,
                c - vec2(0.0, s * 0.06),
                vec2(s * 0.46, s * 0.08),
                Color32::from_rgb(190, 160, 120),
            );
            ellipse(
                p,
                c - vec2(0.0, s * 0.16),
                vec2(s * 0.36, s * 0.12),
                Color32::from_rgb(214, 130, 128),
            );
            p.line_segment(
                [c - vec2(s * 0.3, s * 0.2), c - vec2(-s * 0.3, s * 0.2)],
                Stroke::new((s * 0.04).max(1.0), Color32::from_rgb(246, 226, 214)),
            );
        }
        // Anything else: a cardboard box.
        _ => {
            let b = Rect::from_min_max(
                pos2(c.x - s * 0.36, c.y - s * 0.5),
                pos2(c.x + s * 0.36, c.y),
            );
            p.rect_filled(b, 2.0, Color32::from_rgb(176, 140, 96));
            p.line_segment(
                [b.center_top(), b.center_bottom()],
                Stroke::new(1.5, Color32::from_rgb(140, 108, 70)),
            );
        }
    }
}

/// Two bottles of soybean oil standing at `c`, `s` wide.
fn oil_bottles(p: &Painter, c: Pos2, s: f32) {
    for dx in [-0.17, 0.17] {
        let x = c.x + dx * s;
        let b = Rect::from_min_max(pos2(x - s * 0.13, c.y - s * 0.62), pos2(x + s * 0.13, c.y));
        p.rect_filled(b, (s * 0.05) as u8, Color32::from_rgb(214, 170, 60));
        rect(
            p,
            pos2(x - s * 0.05, b.top() - s * 0.14),
            pos2(x + s * 0.05, b.top()),
            1.0,
            Color32::from_rgb(200, 160, 60),
        );
        rect(
            p,
            pos2(x - s * 0.055, b.top() - s * 0.2),
            pos2(x + s * 0.055, b.top() - s * 0.13),
            1.0,
            Color32::from_rgb(170, 40, 40).lerp_to_gamma(WOOD, 0.5),
        );
        p.line_segment(
            [
                pos2(x - s * 0.13, c.y - s * 0.3),
                pos2(x + s * 0.13, c.y - s * 0.3),
            ],
            Stroke::new((s * 0.04).max(1.0), Color32::from_rgb(240, 232, 210)),
        );
    }
}
