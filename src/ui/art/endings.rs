//! The endings, each a picture of its own: the family's table as the days left it, the bare
//! stall, the criticism meeting, the phone in an inspector's hand.

use super::*;

/// Each ending as a picture of its own (docs/art-direction.md): the family's table as the
/// days left it, or where they left her. `members` are the family beside her; `grain` what
/// the household ate last.
/// `taker`: who took the phone, for the phone-loss ending (the street team if unknown);
/// `days`: how many days the game ran (crossed off on the fed ending's calendar).
pub fn ending_scene(
    p: &Painter,
    r: Rect,
    ending: crate::rules::Ending,
    members: &[Face],
    grain: Grain,
    taker: Option<Uniform>,
    days: u32,
) {
    use crate::rules::Ending as E;
    // The family at the table in `r`, her (`trader`) first, all looking as `mood` says.
    let table_in = |r: Rect, trader: Face, mood: Mood, meal: Meal, grain: Grain| {
        let people: Vec<(Face, Mood)> = std::iter::once((trader, mood))
            .chain(members.iter().map(|&f| (f, mood)))
            .collect();
        family_table(p, r, &people, meal, grain, None, None);
    };
    let table = |trader, mood, meal, grain| table_in(r, trader, mood, meal, grain);
    match ending {
        E::Thriving => {
            // Rice for everyone, smiling, the light on, a sack of rice put by against the wall.
            table(TRADER, Mood::Relieved, Meal::Fed, Grain::Rice);
            let floor_y = r.top() + r.height() * 0.72;
            // A sack of rice put by: wider at the foot, its neck tied, "rice" on it.
            let foot = pos2(r.right() - r.width() * 0.07, floor_y + r.height() * 0.08);
            let (sw, sh) = (r.width() * 0.09, r.height() * 0.3);
            let cloth = Color32::from_rgb(226, 214, 184);
            fill(
                p,
                vec![
                    foot + vec2(-sw * 0.5, 0.0),
                    foot + vec2(-sw * 0.42, -sh * 0.8),
                    foot + vec2(sw * 0.42, -sh * 0.8),
                    foot + vec2(sw * 0.5, 0.0),
                ],
                cloth,
            );
            dome(
                p,
                foot - vec2(0.0, sh * 0.78),
                vec2(sw * 0.42, sh * 0.12),
                cloth,
            );
            let neck = foot - vec2(0.0, sh * 0.9);
            p.line_segment(
                [neck - vec2(sw * 0.18, 0.0), neck + vec2(sw * 0.18, 0.0)],
                Stroke::new(3.0, Color32::from_rgb(150, 120, 80)),
            );
            fill(
                p,
                vec![
                    neck,
                    neck + vec2(-sw * 0.2, -sh * 0.12),
                    neck + vec2(sw * 0.2, -sh * 0.12),
                ],
                cloth,
            );
            p.text(
                foot - vec2(0.0, sh * 0.4),
                egui::Align2::CENTER_CENTER,
                "쌀",
                egui::FontId::proportional(sh * 0.3),
                Color32::from_rgb(150, 120, 80),
            );
        }
        E::FamilyFed => {
            // Day after day: the table, and the calendar on the wall beside it, its days
            // crossed off one by one.
            let cal = wall_beside(p, r, Meal::Fed, |rest| {
                table_in(rest, TRADER, Mood::Well, Meal::Fed, grain)
            });
            calendar(p, cal, days);
        }
        E::FamilyHungry => table(TRADER, Mood::Hungry, Meal::WentWithout, grain),
        E::InDebt => {
            // Little in the bowls, and the lender's note pinned to the wall beside them.
            let note = wall_beside(p, r, Meal::AteLittle, |rest| {
                table_in(rest, TRADER, Mood::Hungry, Meal::AteLittle, grain)
            });
            p.rect_filled(note, 2.0, Color32::from_rgb(248, 246, 236));
            p.circle_filled(note.center_top() + vec2(0.0, 5.0), 3.5, STATE_RED);
            p.text(
                note.center_top() + vec2(0.0, note.height() * 0.14),
                egui::Align2::CENTER_TOP,
                "₩",
                egui::FontId::proportional(note.height() * 0.32),
                Color32::from_rgb(60, 50, 44),
            );
            for i in 0..3 {
                let y = note.top() + note.height() * (0.66 + 0.1 * i as f32);
                p.line_segment(
                    [pos2(note.left() + 8.0, y), pos2(note.right() - 8.0, y)],
                    Stroke::new(1.5, Color32::from_rgb(150, 144, 134)),
                );
            }
        }
        E::BusinessRuined => empty_stall(p, r),
        E::StruggleSession => struggle_session(p, r),
        // Her place at the table is empty.
        E::Arrested => table(Face::Unknown, Mood::Hungry, Meal::AteLittle, grain),
        // Her phone in an inspector's hand.
        E::PhoneLost => stop_scene(
            p,
            r,
            Stop {
                uniform: taker.unwrap_or(Uniform::StreetTeam),
                phone_in_hand: true,
                clutched: false,
                place: None,
                trader: Mood::Ashamed,
                inspector: Mood::Stern,
                light: Light::Evening,
                found: 0,
                ended: None,
                kept_phone: false,
            },
        ),
    }
}

/// The evening room drawn by `room` in the right of `r`, its wall and floor carried on to the
/// left over the room's rounded edge; returns where a paper pinned to that wall goes.
fn wall_beside(p: &Painter, r: Rect, meal: Meal, room: impl FnOnce(Rect)) -> Rect {
    let split = r.left() + r.width() * 0.17;
    room(Rect::from_min_max(pos2(split, r.top()), r.max));
    let left = |nw, sw| egui::CornerRadius {
        nw,
        sw,
        ne: 0,
        se: 0,
    };
    let floor_y = r.top() + r.height() * 0.72;
    // (In the room's light: untinted beside a meagre evening it stood out as a seam.)
    let tint = |c| evening_tint(meal, c);
    rect(
        p,
        r.min,
        pos2(split + 10.0, floor_y),
        left(8, 0),
        tint(WALL),
    );
    rect(
        p,
        pos2(r.left(), floor_y),
        pos2(split + 10.0, r.bottom()),
        left(0, 8),
        tint(FLOOR),
    );
    Rect::from_center_size(
        pos2(r.left() + r.width() * 0.09, r.top() + r.height() * 0.34),
        vec2(r.width() * 0.11, r.height() * 0.42),
    )
}

/// A wall calendar in `c`: the month's red band, its 31 days in weeks of seven, the first
/// `days` crossed off (twenty squares for fourteen days read as neither a month nor the game).
fn calendar(p: &Painter, c: Rect, days: u32) {
    p.rect_filled(c, 2.0, Color32::from_rgb(248, 246, 236));
    let band = Rect::from_min_max(c.min, pos2(c.right(), c.top() + c.height() * 0.18));
    p.rect_filled(band, 2.0, STATE_RED);
    let (cols, rows) = (7, 5);
    let cell = vec2(
        (c.width() - 8.0) / cols as f32,
        (c.bottom() - band.bottom() - 6.0) / rows as f32,
    );
    let ink = Stroke::new(1.3, Color32::from_rgb(80, 70, 64));
    for k in 0..31 {
        let at = pos2(
            c.left() + 4.0 + cell.x * (k % cols) as f32,
            band.bottom() + 3.0 + cell.y * (k / cols) as f32,
        );
        // (Square, in the middle of its cell: a narrow page's tall cells read as letters.)
        let side = cell.x.min(cell.y) * 0.56;
        let day = Rect::from_center_size(Rect::from_min_size(at, cell).center(), vec2(side, side));
        if k < days {
            p.line_segment([day.left_top(), day.right_bottom()], ink);
            p.line_segment([day.right_top(), day.left_bottom()], ink);
        } else {
            p.rect_stroke(
                day,
                0.0,
                Stroke::new(1.0, Color32::from_rgb(170, 160, 150)),
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The market stall with nothing on it: the roof, the bare boards, empty crates, and her.
fn empty_stall(p: &Painter, r: Rect) {
    // The market closing in the evening light.
    let ground = r.top() + r.height() * 0.82;
    scene_sky(p, r, ground, Light::Evening);
    ground_band(p, r, ground, 8, Light::Evening.tint(CONCRETE));
    let left = r.left() + r.width() * 0.08;
    let right = r.left() + r.width() * 0.62;
    // The roof on its two posts, the bare counter.
    let eave = r.top() + r.height() * 0.24;
    fill(
        p,
        vec![
            pos2(left - 10.0, eave),
            pos2(left + 16.0, r.top() + r.height() * 0.08),
            pos2(right - 16.0, r.top() + r.height() * 0.08),
            pos2(right + 10.0, eave),
        ],
        ROOF,
    );
    for x in [left + 6.0, right - 12.0] {
        rect(p, pos2(x, eave), pos2(x + 6.0, ground), 0.0, WOOD);
    }
    let counter = r.top() + r.height() * 0.56;
    // The bare counter on its legs (on nothing, it floated over the crates).
    for x in [left + 14.0, right - 20.0] {
        rect(
            p,
            pos2(x, counter),
            pos2(x + 6.0, ground),
            0.0,
            WOOD.lerp_to_gamma(Color32::BLACK, 0.25),
        );
    }
    rect(
        p,
        pos2(left, counter),
        pos2(right, counter + r.height() * 0.08),
        3.0,
        WOOD,
    );
    // Empty crates on the ground: outlines, nothing in them.
    for i in 0..3 {
        let x = left + 20.0 + i as f32 * r.width() * 0.14;
        let c = Rect::from_min_max(
            pos2(x, ground - r.height() * 0.16),
            pos2(x + r.width() * 0.1, ground),
        );
        // Wooden crates, empty: their slats, the dark inside showing between them.
        p.rect_filled(c, 2.0, Color32::from_rgb(96, 72, 52));
        for k in 0..3 {
            let y = c.top() + c.height() * (0.08 + 0.32 * k as f32);
            p.rect_filled(
                Rect::from_min_max(pos2(c.left(), y), pos2(c.right(), y + c.height() * 0.2)),
                1.0,
                Color32::from_rgb(176, 140, 96),
            );
        }
        p.line_segment(
            [c.left_center(), c.right_center()],
            Stroke::new(1.5, Color32::from_rgb(140, 110, 80)),
        );
    }
    let size = r.height() * 0.9;
    portrait(
        p,
        Rect::from_center_size(
            pos2(r.right() - r.width() * 0.2, r.bottom() - size / 2.0),
            vec2(size, size),
        ),
        TRADER,
        Mood::Hungry,
    );
}

/// A public criticism meeting: a red banner on the wall, the neighbours seen from behind in
/// rows, and her standing in front of them.
fn struggle_session(p: &Painter, r: Rect) {
    p.rect_filled(r, 8.0, WALL);
    ground_band(p, r, r.top() + r.height() * 0.7, 8, FLOOR);
    let banner = Rect::from_min_max(
        pos2(r.left() + r.width() * 0.12, r.top() + r.height() * 0.07),
        pos2(r.right() - r.width() * 0.12, r.top() + r.height() * 0.2),
    );
    p.rect_filled(banner, 2.0, STATE_RED);
    // No slogan written on it (strokes standing for letters read as made-up Hangul to a
    // Korean reader): the cloth's cream border and its fringe.
    let cream = Color32::from_rgb(240, 214, 170);
    p.rect_stroke(
        banner.shrink(banner.height() * 0.12),
        1.0,
        Stroke::new((banner.height() * 0.05).max(1.0), cream),
        egui::StrokeKind::Inside,
    );
    let n = 24;
    for i in 0..=n {
        let x = banner.left() + banner.width() * i as f32 / n as f32;
        p.line_segment(
            [
                pos2(x, banner.bottom()),
                pos2(x, banner.bottom() + banner.height() * 0.18),
            ],
            Stroke::new(1.5, Color32::from_rgb(214, 170, 60)),
        );
    }
    // The official who leads it, at the side, angry, his arm out at her.
    let size = r.height() * 0.56;
    let official = Rect::from_center_size(
        pos2(
            r.left() + r.width() * 0.22,
            r.top() + r.height() * 0.22 + size / 2.0,
        ),
        vec2(size, size),
    );
    inspector_posed(p, official, Uniform::Security, Mood::Angry, true);
    let him = super::people::inspector_body(official, Mood::Angry);
    // His arm out at her, a finger pointed.
    let elbow = pos2(
        official.center().x + size * 0.52,
        official.top() + size * 0.9,
    );
    // (Level with her face, not over her head.)
    let hand = pos2(
        official.center().x + size * 0.76,
        official.top() + size * 0.78,
    );
    let jacket = super::people::SECURITY_JACKET.lerp_to_gamma(Color32::BLACK, 0.12);
    bent_arm(p, &him, 1.0, [elbow, hand], jacket, SKIN);
    super::whole::finger(p, elbow, hand, him.arm_width(), size);
    // Her, standing at the front, eyes down, ashamed.
    figure(
        p,
        Rect::from_center_size(
            // (A little above the official: lower, her clasped hands sat on a neighbour's
            // head.)
            pos2(r.center().x, r.top() + r.height() * 0.17 + size / 2.0),
            vec2(size, size),
        ),
        TRADER,
        Mood::Ashamed,
        Pose::Clasped,
    );
    // The neighbours from behind: a head of hair over shoulders, in a row across the room.
    let coats = [
        Color32::from_rgb(72, 84, 104),
        Color32::from_rgb(110, 100, 120),
        Color32::from_rgb(100, 96, 90),
        Color32::from_rgb(92, 110, 80),
        Color32::from_rgb(120, 82, 92),
        Color32::from_rgb(60, 70, 90),
        Color32::from_rgb(104, 92, 76),
    ];
    let n = coats.len();
    let w = r.width() / n as f32;
    for (i, &coat) in coats.iter().enumerate() {
        let x = r.left() + w * (i as f32 + 0.5);
        let head = pos2(x, r.bottom() - r.height() * 0.15);
        dome(
            p,
            pos2(x, r.bottom() + 2.0),
            vec2(w * 0.42, r.height() * 0.1),
            coat,
        );
        ellipse(
            p,
            head,
            vec2(r.height() * 0.065, r.height() * 0.08),
            if i % 3 == 1 { GREY_HAIR } else { HAIR },
        );
    }
}
