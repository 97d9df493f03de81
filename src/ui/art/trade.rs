//! The trade's scene: where she stands with the goods of the place, her stall (an awning over
//! a registered one, a cloth on the ground for a "grasshopper"), each good drawn, a customer's
//! back; the repair stall's kiosk; at home, the room.

use super::*;

/// Where she stands, as a scene across the screen, in the light of the hour: the sky, the
/// town or the sea behind, the place (its map sketch, large) and the trader in front of it;
/// where goods are traded (`goods`: the ids of those priced here), the stall's counter in
/// front with each good drawn on it (`counter`: a registered stall; else a cloth on the
/// ground, a "grasshopper's" trade).
pub fn place_scene(
    p: &Painter,
    r: Rect,
    kind: crate::rules::PlaceKind,
    light: Light,
    goods: &[&str],
    counter: bool,
) {
    let p = &p.with_clip_rect(r);
    if goods.is_empty() && kind == crate::rules::PlaceKind::Home {
        // At home: the room, not the block it is in; the family out at work and school, what
        // they live with along the walls.
        morning_room(p, r, &[(TRADER, Mood::Well)]);
        home_things(p, r);
        return;
    }
    if goods.is_empty() {
        // Nothing traded here: the place and her beside it; at the repair stall, its kiosk
        // close (the repairer at his window, phones on a string) in place of its sketch.
        let repair = kind == crate::rules::PlaceKind::RepairStall;
        place_backdrop(p, r, kind, (!repair).then_some(0.38), light);
        if repair {
            repair_kiosk(p, r, light);
        }
        // The place the main thing, her smaller before it (a head as tall as the frame hid
        // the place); people passing where the street is busy.
        if !repair {
            passers_by(p, r, light);
        }
        if repair {
            let size = r.height() * 0.86;
            let at = pos2(r.left() + r.width() * 0.78, r.bottom() - size / 2.0);
            portrait(
                p,
                Rect::from_center_size(at, vec2(size, size)),
                TRADER,
                Mood::Well,
            );
        } else {
            // Standing, head to foot, her bundle on her back.
            let foot = pos2(r.left() + r.width() * 0.8, r.bottom() - r.height() * 0.04);
            standing(
                p,
                foot,
                r.height() * 0.9,
                TRADER,
                Mood::Well,
                0.0,
                true,
                light,
            );
        }
        return;
    }
    // Where goods are traded: the place behind on the right, her behind the counter with
    // the goods in front of her, under a canvas awning at a registered stall; where there
    // is room, a customer's back in the foreground at the right, cut by the frame.
    let big = r.height() >= 120.0;
    // (Between her and the customer, who would cover it at the frame's edge.)
    place_backdrop(p, r, kind, Some(if big { 0.72 } else { 0.66 }), light);
    let h = r.height();
    let stall_w = r.width() * if big { 0.66 } else { 0.6 };
    let edge = r.top() + h * if counter { 0.72 } else { 0.8 };
    // (Standing to the counter, its edge at her waist, her arms down to it: lower, with the
    // edge at her chest, her arms rose to it like boomerangs.)
    let size = if big {
        (h * 0.94).min((edge - r.top() - 4.0) / 0.84)
    } else {
        h * 0.86
    };
    // Behind her counter; in a short strip, at its end (not out on the pavement).
    let her_x = if big {
        r.left() + stall_w * 0.78
    } else {
        r.left() + stall_w + size * 0.45
    };
    if big && counter {
        awning(p, r, stall_w, light);
    }
    let her = if big {
        Rect::from_center_size(pos2(her_x, edge - size * 0.5), vec2(size, size))
    } else {
        Rect::from_center_size(pos2(her_x, r.bottom() - size / 2.0), vec2(size, size))
    };
    // Her hands on the counter's edge (or the cloth's), in front of her; her arms drawn
    // again over the goods.
    let pose = if big {
        Pose::HandsOn {
            y: (edge - her.top()) / size,
        }
    } else {
        Pose::Rest
    };
    figure(p, her, TRADER, Mood::Well, pose);
    stall(p, r, stall_w, goods, light, counter, big);
    if big {
        figure_arms(p, her, TRADER, Mood::Well, pose, light.tint(SKIN));
        customer(p, r, light);
    }
}

/// Above the trade's counter (the screen lays the counter under the picture, the goods on
/// it and a tag for each, which are the trade's buttons): the place behind, the awning of a
/// registered stall, her behind the counter from the waist up, its edge at the picture's foot;
/// where there is room, a buyer across the counter holding out the notes, her handing him a
/// bag of goods, a scale on the counter; else her hands on its edge.
pub fn behind_counter(
    p: &Painter,
    r: Rect,
    kind: crate::rules::PlaceKind,
    light: Light,
    counter: bool,
) {
    let p = &p.with_clip_rect(r);
    let h = r.height();
    let big = h >= 110.0;
    place_backdrop(p, r, kind, Some(0.7), light);
    // (Her waist at the counter's edge, the picture's foot, and her head inside the frame.)
    let size = (h * 1.1)
        .min(r.width() * 0.36)
        .min((h - 4.0) / 0.88)
        .max(0.0);
    let her_x = r.left() + r.width() * 0.3;
    if big && counter {
        awning(p, r, r.width() * 0.56, light);
    }
    // Her left hand on the counter's edge, the picture's foot; where there is room, a buyer
    // across the counter from her, seen from the side, the notes held out in his hand, and
    // she hands him the goods in a bag (a customer's back cut by the frame, and her hands at
    // rest, showed nobody trading).
    let her = Rect::from_center_size(pos2(her_x, r.bottom() - size * 0.54), vec2(size, size));
    let edge = (r.bottom() - size * 0.04 - her.top()) / size;
    if big {
        // (As tall as she is, a step further back: drawn to the frame's height he stood a
        // child beside her.)
        let tall = size * 2.4;
        let buyer_x = her_x + size * 1.2;
        let meet = pos2((her_x + buyer_x) / 2.0, her.top() + size * 0.8);
        let reach = ((meet.x + size * 0.04 - her_x) / size, 0.8);
        figure(
            p,
            her,
            TRADER,
            Mood::Well,
            Pose::Offer { y: edge, to: reach },
        );
        super::whole::buyer(
            p,
            pos2(buyer_x, her.top() + size * 0.44 + tall * 0.89),
            tall,
            -1.0,
            meet + vec2(size * 0.08, -size * 0.04),
            light,
            // (A buyer of the place's own.)
            match kind {
                crate::rules::PlaceKind::Market | crate::rules::PlaceKind::Street => 1,
                crate::rules::PlaceKind::Alley => 2,
                crate::rules::PlaceKind::Station => 3,
                _ => 0,
            },
        );
        scale(p, pos2(her_x - size * 0.5, r.bottom()), size * 0.3, light);
    } else {
        figure(p, her, TRADER, Mood::Well, Pose::HandsOn { y: edge });
    }
}

/// The ground in front of a trader's counter (under the counter and the sheet where the
/// place is the page): trodden earth and paving, in the hour's light.
pub fn ground(light: Light) -> Color32 {
    light.tint(Color32::from_rgb(122, 112, 98))
}

/// The near part of the trade's counter, seen from a little above, where the goods stand: its
/// top in light wood with its front edge (a registered stall), or a blue cloth spread on the
/// pavement (a "grasshopper's" trade).
pub fn counter_top(p: &Painter, r: Rect, light: Light, counter: bool) {
    let p = &p.with_clip_rect(r);
    if counter {
        p.rect_filled(r, 0.0, light.tint(Color32::from_rgb(166, 126, 88)));
        // The boards' grain, running along the counter.
        for k in 1..3 {
            let y = r.top() + r.height() * k as f32 / 3.0;
            p.line_segment(
                [pos2(r.left(), y), pos2(r.right(), y)],
                Stroke::new(1.0, light.tint(Color32::from_rgb(150, 112, 78))),
            );
        }
        rect(
            p,
            pos2(r.left(), r.bottom() - 5.0),
            r.right_bottom(),
            0.0,
            light.tint(Color32::from_rgb(128, 92, 60)),
        );
    } else {
        p.rect_filled(r, 0.0, light.tint(PAVEMENT));
        fill(
            p,
            vec![
                pos2(r.left() + 4.0, r.bottom()),
                pos2(r.left() + r.height() * 0.4, r.top() + r.height() * 0.12),
                pos2(r.right() - r.height() * 0.4, r.top() + r.height() * 0.12),
                pos2(r.right() - 4.0, r.bottom()),
            ],
            light.tint(Color32::from_rgb(92, 112, 140)),
        );
    }
}

/// The pavement in front of a stall or a cloth.
const PAVEMENT: Color32 = Color32::from_rgb(146, 142, 134);

/// The counter's front under its top, where the goods' tags hang: dark boards, or the
/// pavement's slabs in front of a cloth.
pub fn counter_front(p: &Painter, r: Rect, light: Light, counter: bool) {
    let p = &p.with_clip_rect(r);
    let (fill_c, seam) = if counter {
        (WOOD, Color32::from_rgb(86, 58, 38))
    } else {
        (PAVEMENT, Color32::from_rgb(120, 116, 108))
    };
    p.rect_filled(r, 0.0, light.tint(fill_c));
    let boards = ((r.height() / 34.0).round() as usize).max(2);
    for k in 1..boards {
        let y = r.top() + r.height() * k as f32 / boards as f32;
        p.line_segment(
            [pos2(r.left(), y), pos2(r.right(), y)],
            Stroke::new(1.0, light.tint(seam)),
        );
    }
    // A shadow under the counter's edge.
    rect(
        p,
        r.left_top(),
        pos2(r.right(), r.top() + 6.0),
        0.0,
        light.tint(fill_c.lerp_to_gamma(Color32::BLACK, 0.3)),
    );
}

/// The phone repair kiosk across the left of a scene: its blue sign, the window with the
/// repairer behind it, phones hanging on a string across its top, the ledge below.
fn repair_kiosk(p: &Painter, r: Rect, light: Light) {
    let h = r.height();
    let ground = r.top() + h * 0.8;
    let body = Rect::from_min_max(
        pos2(r.left() + r.width() * 0.1, r.top() + h * 0.16),
        pos2(r.left() + r.width() * 0.5, ground),
    );
    p.rect_filled(body, 3.0, light.tint(Color32::from_rgb(196, 186, 164)));
    let sign = Rect::from_min_max(
        body.left_top() - vec2(8.0, h * 0.06),
        pos2(body.right() + 8.0, body.top() + h * 0.06),
    );
    p.rect_filled(sign, 3.0, light.tint(Color32::from_rgb(70, 100, 130)));
    let win = Rect::from_min_max(
        pos2(body.left() + body.width() * 0.08, sign.bottom() + h * 0.06),
        pos2(body.right() - body.width() * 0.08, body.top() + h * 0.5),
    );
    p.rect_filled(win, 2.0, light.tint(Color32::from_rgb(70, 66, 62)));
    // The repairer, seen through the window from the chest up.
    let size = win.height() * 1.3;
    portrait(
        &p.with_clip_rect(win),
        Rect::from_center_size(
            pos2(
                win.center().x + win.width() * 0.12,
                win.bottom() + size * 0.1 - size / 2.0 + size * 0.15,
            ),
            vec2(size, size),
        ),
        Face::Man,
        Mood::Stern,
    );
    // Phones on a string across the window's top.
    let y = win.top() + win.height() * 0.14;
    p.line_segment(
        [pos2(win.left(), y), pos2(win.right(), y)],
        Stroke::new(1.0, light.tint(Color32::from_rgb(200, 196, 186))),
    );
    let n = 7;
    for k in 0..n {
        let x = win.left() + win.width() * (k as f32 + 0.5) / n as f32;
        let ph = Rect::from_min_size(pos2(x - h * 0.025, y + 2.0), vec2(h * 0.05, h * 0.09));
        p.rect_filled(ph, 2.0, Color32::from_rgb(24, 26, 30));
        let screen = [
            Color32::from_rgb(150, 190, 220),
            Color32::from_rgb(60, 66, 74),
            Color32::from_rgb(120, 170, 150),
        ][k % 3];
        p.rect_filled(ph.shrink(1.5), 1.0, screen);
    }
    // The ledge under the window, a screwdriver and an open phone on it.
    let ledge = Rect::from_min_max(
        pos2(win.left() - 6.0, win.bottom()),
        pos2(win.right() + 6.0, win.bottom() + h * 0.05),
    );
    p.rect_filled(ledge, 1.0, light.tint(WOOD));
    p.line_segment(
        [
            ledge.left_top() + vec2(win.width() * 0.2, -2.0),
            ledge.left_top() + vec2(win.width() * 0.34, -5.0),
        ],
        Stroke::new(2.0, Color32::from_rgb(200, 60, 50)),
    );
    p.rect_filled(
        Rect::from_min_size(
            ledge.left_top() + vec2(win.width() * 0.55, -h * 0.02),
            vec2(h * 0.1, h * 0.02),
        ),
        1.0,
        Color32::from_rgb(40, 44, 50),
    );
}

/// A registered stall's canvas awning over the counter `w` wide, on two poles, faded
/// stripes with a scalloped edge.
fn awning(p: &Painter, r: Rect, w: f32, light: Light) {
    let h = r.height();
    let (l, rt) = (r.left() + w * 0.03, r.left() + w);
    let (top, low) = (r.top() + h * 0.06, r.top() + h * 0.2);
    for x in [l + 4.0, rt - 4.0] {
        p.line_segment(
            [pos2(x, low), pos2(x, r.bottom())],
            Stroke::new((h * 0.025).max(2.0), light.tint(WOOD)),
        );
    }
    let n = 9;
    let band = (rt - l) / n as f32;
    for i in 0..n {
        let x = l + band * i as f32;
        let c = if i % 2 == 0 {
            Color32::from_rgb(70, 110, 150)
        } else {
            Color32::from_rgb(232, 226, 210)
        };
        fill(
            p,
            vec![
                pos2(x, top),
                pos2(x + band, top),
                pos2(x + band, low),
                pos2(x, low),
            ],
            light.tint(c),
        );
        // The scallop under each stripe.
        p.add(Shape::convex_polygon(
            arc(
                pos2(x + band / 2.0, low),
                vec2(band / 2.0, h * 0.04),
                0.0,
                std::f32::consts::PI,
                8,
            ),
            light.tint(c),
            Stroke::NONE,
        ));
    }
    p.line_segment(
        [pos2(l, top), pos2(rt, top)],
        Stroke::new(2.0, light.tint(Color32::from_rgb(50, 70, 96))),
    );
}

/// A customer seen from behind at the right of the frame, cut by its edge: the dark back of
/// a quilted coat, a man's short dark hair, his ears and neck.
fn customer(p: &Painter, r: Rect, light: Light) {
    let h = r.height();
    let c = pos2(r.right() - h * 0.22, r.bottom());
    let coat = light.tint(Color32::from_rgb(62, 66, 78));
    dome(p, c + vec2(0.0, h * 0.02), vec2(h * 0.34, h * 0.46), coat);
    // The quilting's seams across the back.
    for k in 1..4 {
        let y = c.y - h * 0.1 * k as f32;
        // (Inside the coat's curve at that height.)
        let up = (h * 0.1 * k as f32 + h * 0.02) / (h * 0.46);
        let half = h * 0.34 * (1.0 - up * up).max(0.0).sqrt() * 0.92;
        p.line_segment(
            [pos2(c.x - half, y), pos2(c.x + half, y)],
            Stroke::new(1.0, coat.lerp_to_gamma(Color32::BLACK, 0.25)),
        );
    }
    let head = c - vec2(0.0, h * 0.56);
    // The back of a man's head: the neck, an ear at each side, short dark hair over the
    // crown, the collar turned up (a kerchief, brown or printed, read as a bald head or a
    // balloon; the ears say a head seen from behind).
    let skin = light.tint(SKIN_SHADE);
    rect(
        p,
        head + vec2(-h * 0.06, h * 0.05),
        head + vec2(h * 0.06, h * 0.2),
        2.0,
        skin,
    );
    for side in [-1.0, 1.0] {
        ellipse(
            p,
            head + vec2(side * h * 0.118, h * 0.01),
            vec2(h * 0.028, h * 0.045),
            skin,
        );
    }
    ellipse(p, head, vec2(h * 0.115, h * 0.13), light.tint(HAIR));
    // The hair cut square at the nape (a rounded patch of it over the neck, lighter, read as
    // a mouth in a bearded face), the skin of the neck under it.
    rect(
        p,
        head + vec2(-h * 0.085, 0.0),
        head + vec2(h * 0.085, h * 0.1),
        egui::CornerRadius {
            nw: 0,
            ne: 0,
            sw: 3,
            se: 3,
        },
        light.tint(HAIR),
    );
    // The coat's collar up round the neck.
    dome(
        p,
        head + vec2(0.0, h * 0.25),
        vec2(h * 0.13, h * 0.07),
        coat.lerp_to_gamma(Color32::BLACK, 0.15),
    );
}

/// A market's platform scale standing on the counter, `w` wide, its foot's middle at `foot`:
/// the base with its dial, the pan on top.
fn scale(p: &Painter, foot: Pos2, w: f32, light: Light) {
    let line = super::figure::ink(w * 2.0);
    let steel = light.tint(Color32::from_rgb(176, 184, 188));
    let base = Rect::from_min_max(foot - vec2(w * 0.4, w * 0.42), foot + vec2(w * 0.4, 0.0));
    p.rect_filled(base, w * 0.06, light.tint(Color32::from_rgb(60, 96, 120)));
    p.rect_stroke(base, w * 0.06, line, egui::StrokeKind::Middle);
    let dial = base.center() + vec2(0.0, w * 0.02);
    p.circle_filled(dial, w * 0.13, Color32::from_rgb(244, 240, 228));
    p.circle_stroke(dial, w * 0.13, line);
    p.line_segment(
        [dial, dial + vec2(w * 0.06, -w * 0.08)],
        Stroke::new(1.5, STATE_RED),
    );
    let stem = Rect::from_min_max(
        base.center_top() - vec2(w * 0.04, w * 0.1),
        base.center_top() + vec2(w * 0.04, 0.0),
    );
    p.rect_filled(stem, 0.0, steel);
    let pan = base.center_top() - vec2(0.0, w * 0.12);
    fill(
        p,
        arc(pan, vec2(w * 0.46, w * 0.12), 0.0, std::f32::consts::PI, 10),
        steel,
    );
    p.add(Shape::line(
        arc(pan, vec2(w * 0.46, w * 0.12), 0.0, std::f32::consts::PI, 10),
        line,
    ));
    p.line_segment([pan - vec2(w * 0.46, 0.0), pan + vec2(w * 0.46, 0.0)], line);
}

/// The stall's counter across the front of a scene, `w` wide from the left, with the
/// goods on it: sacks open at the top, bottles, bags, a cut of pork on paper (`big`: the
/// goods on its left, where she does not stand behind them).
fn stall(p: &Painter, r: Rect, w: f32, goods: &[&str], light: Light, counter: bool, big: bool) {
    let h = r.height();
    // A registered market's counter, or a "grasshopper's" cloth spread on the ground.
    let top = r.top() + h * if counter { 0.72 } else { 0.8 };
    let base = Rect::from_min_max(
        pos2(r.left() + r.width() * 0.03, top),
        pos2(r.left() + w, r.bottom() + 4.0),
    );
    if counter {
        p.rect_filled(base, 3.0, light.tint(WOOD));
        p.line_segment(
            [base.left_top(), base.right_top()],
            Stroke::new(2.0, light.tint(Color32::from_rgb(150, 112, 80))),
        );
        if big {
            // The boards of its front.
            for k in 1..3 {
                let y = top + (r.bottom() - top) * k as f32 / 3.0;
                p.line_segment(
                    [pos2(base.left(), y), pos2(base.right(), y)],
                    Stroke::new(1.0, light.tint(Color32::from_rgb(86, 58, 38))),
                );
            }
        }
    } else {
        fill(
            p,
            vec![
                base.left_bottom(),
                base.left_top() + vec2(h * 0.1, 0.0),
                base.right_top() - vec2(h * 0.1, 0.0),
                base.right_bottom(),
            ],
            light.tint(Color32::from_rgb(92, 112, 140)),
        );
    }
    let n = goods.len() as f32;
    let span = base.width() * if big { 0.62 } else { 1.0 };
    let slot = span / n;
    let unit = (slot * 0.8).min(h * if counter { 0.3 } else { 0.27 });
    for (i, id) in goods.iter().enumerate() {
        let c = pos2(base.left() + slot * (i as f32 + 0.5), top + 2.0);
        good(p, c, unit, id);
    }
}
