//! Scenes at home: the family at the evening table, the morning room.

use super::*;

pub(super) const AMBER_BADGE: Color32 = Color32::from_rgb(214, 170, 60);

/// A family's everyday bowl, stainless steel, and the bottom of an empty one in shadow.
const BOWL_STEEL: Color32 = Color32::from_rgb(198, 202, 204);
const EMPTY_BOTTOM: Color32 = Color32::from_rgb(132, 126, 116);

/// One bowl on the table, as full as the evening was: a mound of rice or corn, thin
/// porridge, half a bowl, or nothing.
pub fn bowl(p: &Painter, c: Pos2, w: f32, meal: Meal, grain: Grain) {
    let food = match grain {
        Grain::Rice => Color32::from_rgb(246, 244, 236),
        Grain::Corn => Color32::from_rgb(226, 184, 82),
        Grain::Porridge => Color32::from_rgb(214, 196, 150),
    };
    // Seen from a little above, so that what is in it shows: the rim's open ellipse, the
    // inside in shadow, then the food — a heap, a full bowl of porridge, a little at the
    // bottom, or nothing.
    let rim = vec2(w * 0.5, w * 0.2);
    ellipse(p, c, rim, Color32::from_rgb(176, 168, 154));
    if meal == Meal::WentWithout {
        // Empty: the bottom in shadow, its far wall catching the lamp (a white bowl with a
        // grey rim read as a full bowl of rice).
        ellipse(
            p,
            c + vec2(0.0, rim.y * 0.15),
            rim * vec2(0.8, 0.62),
            EMPTY_BOTTOM,
        );
        p.add(Shape::line(
            arc(c, rim * 0.86, 3.5, 5.9, 10),
            Stroke::new((w * 0.04).max(1.0), Color32::from_rgb(214, 206, 192)),
        ));
    }
    match meal {
        Meal::Fed if grain != Grain::Porridge => {
            ellipse(p, c, rim * 0.9, food);
            dome(p, c, vec2(rim.x * 0.84, w * 0.3), food);
        }
        Meal::Fed => {
            ellipse(p, c + vec2(0.0, rim.y * 0.1), rim * 0.86, food);
        }
        // A little at the bottom: a small surface, low in the bowl.
        Meal::AteLittle => {
            ellipse(p, c + vec2(0.0, rim.y * 0.3), rim * vec2(0.7, 0.6), food);
        }
        Meal::WentWithout => {}
    }
    // The bowl's body below the rim (steel, as the family's are: white read as rice), and
    // the rim's edge.
    fill(
        p,
        arc(c, vec2(rim.x, w * 0.38), 0.0, std::f32::consts::PI, 14),
        BOWL_STEEL,
    );
    // Its far side in shade, as every body's.
    fill(
        p,
        arc(c, vec2(rim.x, w * 0.38), 0.0, 0.9, 6)
            .into_iter()
            .chain([c])
            .collect(),
        BOWL_STEEL.lerp_to_gamma(Color32::BLACK, 0.14),
    );
    // (Its front half only: the back of the rim is behind the food.)
    p.add(Shape::line(
        arc(c, rim, 0.0, std::f32::consts::PI, 16),
        Stroke::new(1.2, Color32::from_rgb(150, 140, 126)),
    ));
}

/// The two Kim-family portraits every home hangs high on its main wall (the facts' "a home
/// video with a portrait behind" is this wall), left of the window `win`: gilt frames, a
/// face over a dark suit in each, small and a little above everyone.
fn leaders_on_the_wall(p: &Painter, r: Rect, win: Rect, dim: &dyn Fn(Color32) -> Color32) {
    let h = (r.height() * 0.13).max(14.0);
    let w = h * 0.78;
    let top = r.top() + r.height() * 0.035;
    for k in 0..2 {
        let x = win.left() - r.width() * 0.04 - (2 - k) as f32 * (w + h * 0.25);
        let f = Rect::from_min_size(pos2(x, top), vec2(w, h));
        p.rect_filled(f, 1.0, dim(Color32::from_rgb(176, 140, 70)));
        let inner = f.shrink(h * 0.08);
        p.rect_filled(inner, 0.0, dim(Color32::from_rgb(214, 210, 196)));
        dome(
            p,
            pos2(inner.center().x, inner.bottom()),
            vec2(inner.width() * 0.42, inner.height() * 0.36),
            dim(Color32::from_rgb(60, 60, 66)),
        );
        p.circle_filled(
            pos2(inner.center().x, inner.top() + inner.height() * 0.4),
            inner.width() * 0.2,
            dim(SKIN),
        );
    }
}

/// A colour of the evening's room as the meal left it: greyer after a meagre night, dim
/// without food.
pub(super) fn evening_tint(meal: Meal, c: Color32) -> Color32 {
    let grey = Color32::from_rgb(96, 96, 110);
    match meal {
        Meal::WentWithout => c.lerp_to_gamma(grey, 0.3),
        Meal::AteLittle => c.lerp_to_gamma(grey, 0.14),
        _ => c,
    }
}

/// The family at the low table on the evening: the trader and each member, their bowls,
/// a sick child under a blanket with a cloth on the forehead, a child kept home with the
/// school bag left by the wall; an [`Face::Unknown`] is an empty place. `steam`: the steam
/// rising from the bowls as the evening comes, this far along (0 to 1; none from empty
/// bowls). Drawn in `r`; returns the centre of each person's place (for their names under it).
pub fn family_table(
    p: &Painter,
    r: Rect,
    people: &[(Face, Mood)],
    meal: Meal,
    grain: Grain,
    kept_home: Option<usize>,
    steam: Option<f32>,
) -> Vec<Pos2> {
    // The room: a wall, the window dark with evening, the floor.
    let floor_y = r.top() + r.height() * 0.72;
    // A night without food: the bulb off, the room dim; a meagre night, the room greyer and
    // the bulb's light smaller (the same warm room read as a fed one).
    let lit = meal != Meal::WentWithout;
    let meagre = meal == Meal::AteLittle;
    let dim = |c: Color32| evening_tint(meal, c);
    p.rect_filled(r, 8.0, dim(WALL));
    ground_band(p, r, floor_y, 8, dim(FLOOR));
    let win = Rect::from_min_size(
        pos2(r.right() - r.width() * 0.2, r.top() + r.height() * 0.1),
        vec2(r.width() * 0.13, r.height() * 0.3),
    );
    // A bare bulb over the table, its warm light on the wall (off on a night without food).
    let bulb = pos2(r.left() + r.width() * 0.46, r.top() + r.height() * 0.12);
    if !lit {
        p.circle_filled(bulb, r.height() * 0.03, Color32::from_rgb(150, 146, 140));
    } else {
        // Its light on the wall: a brighter disc, brighter at its heart.
        let reach = if meagre { 0.6 } else { 1.0 };
        for (k, mix) in [(0.32, 0.3), (0.18, 0.6)] {
            p.circle_filled(
                bulb,
                r.height() * k * reach,
                dim(WALL).lerp_to_gamma(Color32::from_rgb(255, 248, 226), mix * reach),
            );
        }
        p.circle_filled(bulb, r.height() * 0.03, Color32::from_rgb(255, 244, 206));
    }
    // Its cord from the ceiling and a small tin shade over it, drawn over the light (a disc
    // of light with a dot in it read as a sun or a moon).
    let h = r.height();
    p.line_segment(
        [pos2(bulb.x, r.top()), bulb - vec2(0.0, h * 0.03)],
        Stroke::new(1.5, Color32::from_rgb(70, 60, 50)),
    );
    fill(
        p,
        vec![
            bulb + vec2(-h * 0.02, -h * 0.045),
            bulb + vec2(h * 0.02, -h * 0.045),
            bulb + vec2(h * 0.06, -h * 0.005),
            bulb + vec2(-h * 0.06, -h * 0.005),
        ],
        Color32::from_rgb(88, 84, 76),
    );
    p.rect_filled(win, 2.0, NIGHT);
    window_frame(p, win);
    leaders_on_the_wall(p, r, win, &dim);
    // The people, sitting behind the table.
    let n = people.len().max(1) as f32;
    let slot = (r.width() * 0.78) / n;
    let size = (r.height() * 0.62).min(slot * 0.95);
    let table_top = r.top() + r.height() * 0.66;
    let mut centres = Vec::new();
    let mut in_bed_face = None;
    // Seated on the floor behind the low table: nothing of them below its front.
    let seated = p.with_clip_rect(Rect::from_min_max(
        r.min,
        pos2(r.right(), table_top + r.height() * 0.1),
    ));
    for (i, &(face, mood)) in people.iter().enumerate() {
        let x = r.left() + r.width() * 0.06 + slot * (i as f32 + 0.5);
        // (Sitting up to the table, its edge at their waist: lower, only their shoulders
        // showed over it and nothing of what their arms did.)
        let pr = Rect::from_min_max(
            pos2(x - size / 2.0, table_top - size * 1.08),
            pos2(x + size / 2.0, table_top - size * 0.08),
        );
        // An unknown face is an empty place at the table: someone who is not there.
        if mood == Mood::Sick {
            // Sick: not at the table but in bed on the floor, in front (drawn last).
            in_bed_face = Some(face);
        } else if face != Face::Unknown {
            let pose = at_table(face, mood, i);
            figure(&seated, pr, face, mood, pose);
        }
        if kept_home == Some(i) {
            school_bag(p, pos2(x + size * 0.36, floor_y), size);
        }
        centres.push(pos2(x, r.bottom()));
    }
    // The low table and a bowl for each.
    let table = Rect::from_min_max(
        pos2(r.left() + r.width() * 0.04, table_top),
        pos2(r.left() + r.width() * 0.86, table_top + r.height() * 0.1),
    );
    p.rect_filled(table, 4.0, WOOD);
    for leg in [table.left() + 10.0, table.right() - 18.0] {
        p.rect_filled(
            Rect::from_min_size(pos2(leg, table.bottom()), vec2(8.0, r.height() * 0.06)),
            0.0,
            WOOD.gamma_multiply(0.8),
        );
    }
    for i in 0..people.len() {
        let x = r.left() + r.width() * 0.06 + slot * (i as f32 + 0.5);
        bowl(
            p,
            pos2(x, table_top - size * 0.02),
            size * 0.34,
            meal,
            grain,
        );
        if let Some(t) = steam.filter(|_| meal != Meal::WentWithout) {
            rising_steam(p, pos2(x, table_top - size * 0.02), size * 0.34, t, i);
        }
    }
    if let Some(face) = in_bed_face {
        let mat = Rect::from_min_max(
            pos2(r.left() + r.width() * 0.6, r.top() + r.height() * 0.74),
            pos2(r.right() - r.width() * 0.02, r.bottom() - r.height() * 0.02),
        );
        in_bed(p, mat, face);
    }
    centres
}

/// The home's wall and floor across the whole `page` (the scene as the page, issue 35), the
/// floor meeting the wall at `floor_y`: in the evening as `meal` left the room, or in the
/// morning's light. A scene drawn over it in a part of the page runs on into it.
pub fn home_ground(p: &Painter, page: Rect, floor_y: f32, meal: Option<Meal>) {
    let tint = |c: Color32| match meal {
        Some(m) => evening_tint(m, c),
        None => Light::Morning.tint(c),
    };
    p.rect_filled(page, 0.0, tint(FLOOR));
    p.rect_filled(page.with_max_y(floor_y), 0.0, tint(WALL));
    // The floor's oiled paper squares, running to the page's foot (a floor, not a ground).
    let seam = tint(FLOOR).lerp_to_gamma(Color32::from_rgb(90, 70, 50), 0.18);
    let step = (page.width() / 9.0).max(40.0);
    let mut x = page.left() + step * 0.5;
    while x < page.right() {
        p.line_segment(
            [
                pos2(x, floor_y),
                pos2(x + (x - page.center().x) * 0.25, page.bottom()),
            ],
            Stroke::new(1.0, seam),
        );
        x += step;
    }
    let mut y = floor_y + step * 0.4;
    let mut gap = step * 0.4;
    while y < page.bottom() {
        p.hline(page.left()..=page.right(), y, Stroke::new(1.0, seam));
        gap *= 1.25;
        y += gap;
    }
}

/// What the hands of someone at the evening table (`face`, the `i`th, looking as `mood`
/// says) do, the table's edge 1.08 of their size below their square's top: a spoon in the
/// rice (every other one with a spoonful raised: eating, not sitting in a row), a tired chin
/// on a hand over a thin bowl (the grown-ups), hands kept in the lap at an empty one.
fn at_table(face: Face, mood: Mood, i: usize) -> Pose {
    let y = 1.08;
    let child = matches!(face, Face::Girl | Face::Boy);
    match mood {
        Mood::Well if i % 2 == 1 => Pose::SpoonUp { y },
        Mood::Well => Pose::AtTable { y, spoon: true },
        Mood::Tired if !child => Pose::ChinOnHand { y },
        Mood::Hungry => Pose::Rest,
        _ => Pose::AtTable { y, spoon: false },
    }
}

/// The school bag left by the wall, its foot's left at `at` on the floor, for people `size`
/// tall: not taken today.
fn school_bag(p: &Painter, at: Pos2, size: f32) {
    let b = Rect::from_min_size(at - vec2(0.0, size * 0.3), vec2(size * 0.22, size * 0.26));
    p.rect_filled(b, 3.0, Color32::from_rgb(60, 70, 100));
    p.line_segment(
        [
            b.left_top() + vec2(size * 0.04, 0.0),
            b.right_top() - vec2(size * 0.04, 0.0),
        ],
        Stroke::new(2.0, Color32::from_rgb(40, 44, 60)),
    );
}

/// The damp cloth on a sick child's forehead: pale blue, folded (a white band across the
/// forehead read as a mourning band, issue 35's sixteenth reviewer).
pub(super) const DAMP_CLOTH: Color32 = Color32::from_rgb(206, 222, 232);

/// Someone sick in bed on the floor, in `mat`, lying down: the head on its side on the
/// pillow at the left end, eyes closed, cheeks flushed with fever, a folded damp cloth on the
/// forehead, and the quilt over the body as a long mound to the feet (a head upright over a
/// box, with a white band across it, read as a body laid out).
fn in_bed(p: &Painter, mat: Rect, face: Face) {
    let h = mat.height();
    let line = ink(h * 2.4);
    // The mattress on the floor, seen from the side: a low band (a whole pale square read as
    // a card stood in front of the table).
    let mattress = Rect::from_min_max(
        pos2(mat.left(), mat.bottom() - h * 0.22),
        pos2(mat.right(), mat.bottom() - h * 0.02),
    );
    p.rect_filled(mattress, 4.0, Color32::from_rgb(226, 214, 190));
    p.rect_stroke(mattress, 4.0, line, egui::StrokeKind::Middle);
    let pillow = pos2(mat.left() + h * 0.9, mat.center().y + h * 0.08);
    ellipse(p, pillow, vec2(h * 0.8, h * 0.34), BOWL);
    p.add(Shape::ellipse_stroke(pillow, vec2(h * 0.8, h * 0.34), line));
    // The head sunk in the pillow, tilted back toward the mat's end, the face toward us. `at`
    // turns a point of an upright face (x across, y down from its middle) by the tilt.
    let head_c = pos2(pillow.x + h * 0.1, mat.center().y - h * 0.08);
    let head_r = h * 0.4;
    let tilt: f32 = -0.5;
    let (sin, cos) = tilt.sin_cos();
    let at = |x: f32, y: f32| head_c + vec2(x * cos - y * sin, x * sin + y * cos) * head_r;
    let oval = |fill: Color32, stroke: Stroke| {
        Shape::Ellipse(egui::epaint::EllipseShape {
            center: head_c,
            radius: vec2(0.86, 1.05) * head_r,
            fill,
            stroke,
            angle: tilt,
        })
    };
    let skin = SKIN.lerp_to_gamma(Color32::from_rgb(206, 206, 196), 0.35);
    // Hair over the crown (toward the left), then the face.
    p.add(oval(skin, Stroke::NONE));
    let reach: f32 = if face == Face::Girl { -0.1 } else { -0.3 };
    let a = reach.asin();
    let hair: Vec<Pos2> = (0..=16)
        .map(|i| {
            let t = std::f32::consts::PI - a + (std::f32::consts::PI + 2.0 * a) * i as f32 / 16.0;
            at(t.cos() * 0.92, t.sin() * 1.1 - 0.05)
        })
        .collect();
    fill(p, hair, HAIR);
    p.add(oval(Color32::TRANSPARENT, line));
    // Fever's flush, the closed eyes, a small mouth.
    for side in [-1.0f32, 1.0] {
        ellipse(
            p,
            at(side * 0.5, 0.45),
            vec2(head_r * 0.16, head_r * 0.1),
            super::face::flush(),
        );
        p.line_segment(
            [at(side * 0.18, 0.14), at(side * 0.52, 0.14)],
            Stroke::new((h * 0.05).max(1.0), INK),
        );
    }
    p.line_segment(
        [at(-0.12, 0.62), at(0.12, 0.62)],
        Stroke::new((h * 0.04).max(1.0), SKIN_SHADE),
    );
    // The damp cloth folded on the forehead, pale blue.
    let cloth = vec![
        at(-0.46, -0.5),
        at(0.46, -0.5),
        at(0.46, -0.24),
        at(-0.46, -0.24),
    ];
    fill(p, cloth.clone(), DAMP_CLOTH);
    p.add(Shape::closed_line(cloth, line));
    // The quilt over the body, from the shoulders to the feet: long and low, the body's
    // shape under it (shoulders, then flat to the knees and down at the feet; a high round
    // mound read as a tent or a boulder), the sheet folded over its top at the shoulders.
    let left = head_c.x + head_r * 0.75;
    let right = mat.right() - h * 0.12;
    let base = mattress.top() + h * 0.04;
    let top = |f: f32| {
        let up = (f / 0.08).min(1.0).min((1.0 - f) / 0.1).max(0.0);
        let knees = (((f - 0.62) / 0.16).powi(2) * -1.0).exp() * 0.07;
        base - h * (up.sqrt() * 0.44 + knees)
    };
    let mut quilt: Vec<Pos2> = (0..=24)
        .map(|i| {
            let f = i as f32 / 24.0;
            pos2(left + (right - left) * f, top(f))
        })
        .collect();
    quilt.push(pos2(right, base));
    quilt.push(pos2(left, base));
    let quilt_color = Color32::from_rgb(150, 120, 110);
    fill(p, quilt.clone(), quilt_color);
    p.add(Shape::closed_line(quilt, line));
    // The sheet folded over at the shoulders, and the quilt's stitched squares.
    let fold = Rect::from_min_max(
        pos2(left + h * 0.02, top(0.1) + h * 0.02),
        pos2(left + (right - left) * 0.16, base - h * 0.02),
    );
    p.rect_filled(fold, 3.0, Color32::from_rgb(236, 230, 216));
    p.rect_stroke(fold, 3.0, line, egui::StrokeKind::Middle);
    for f in [0.42, 0.7] {
        let x = left + (right - left) * f;
        p.line_segment(
            [pos2(x, base - h * 0.02), pos2(x, top(f) + h * 0.04)],
            Stroke::new(1.5, Color32::from_rgb(128, 100, 92)),
        );
    }
}

/// Steam rising from a bowl whose rim is at `c` (`w` wide), `t` of the way through (0 to
/// 1): three wisps that rise, sway and fade. `seed` sets each bowl's sway apart.
fn rising_steam(p: &Painter, c: Pos2, w: f32, t: f32, seed: usize) {
    // Fades in quickly, out slowly.
    let alpha = (t / 0.15).min(1.0) * (1.0 - crate::ui::motion::ease(t));
    let white = Color32::from_white_alpha((alpha * 170.0) as u8);
    // (Below their chins: steam, not a veil over the faces; thin, as thick white strokes
    // rising to the chin read as beards.)
    let rise = w * (0.2 + 0.3 * t);
    for k in 0..3 {
        let x0 = c.x + (k as f32 - 1.0) * w * 0.26;
        // (One phase for the three: they sway together and never cross.)
        let phase = seed as f32 * 1.7 + t * 6.0;
        let pts: Vec<Pos2> = (0..=10)
            .map(|j| {
                let f = j as f32 / 10.0;
                pos2(
                    x0 + (phase + f * 5.0).sin() * w * 0.09,
                    c.y - w * 0.1 - f * rise,
                )
            })
            .collect();
        p.add(Shape::line(pts, Stroke::new((w * 0.055).max(1.5), white)));
    }
}

/// The home in the morning (the morning screen): the light through the window onto the wall,
/// the family as the night left them (`people`, her first; someone sick stays in bed), and
/// her by the door with the bundle of goods on her back, about to go out.
pub fn morning_room(p: &Painter, r: Rect, people: &[(Face, Mood)]) {
    morning_room_to(p, r, r.bottom(), people);
}

/// [`morning_room`], the window's light on the floor running on to `floor_foot` (below `r`
/// where the room is the page).
pub fn morning_room_to(p: &Painter, r: Rect, floor_foot: f32, people: &[(Face, Mood)]) {
    let lit = p.with_clip_rect(r.with_max_y(floor_foot.max(r.bottom())));
    let p = &p.with_clip_rect(r);
    let light = Light::Morning;
    let floor_y = r.top() + r.height() * 0.78;
    p.rect_filled(r, 8.0, light.tint(WALL));
    ground_band(p, r, floor_y, 8, light.tint(FLOOR));
    // The window, the morning sky in it, and its light on the wall and the floor.
    let win = Rect::from_min_size(
        pos2(r.right() - r.width() * 0.2, r.top() + r.height() * 0.12),
        vec2(r.width() * 0.13, r.height() * 0.36),
    );
    let sun = Color32::from_rgb(250, 242, 220);
    // (Its slope the same to the floor's foot, however far below the room's that is.)
    let t = (floor_foot.max(r.bottom()) - win.bottom()) / (r.bottom() - win.bottom()).max(1.0);
    fill(
        &lit,
        vec![
            win.left_bottom(),
            win.right_bottom(),
            pos2(
                win.right() - r.width() * 0.08 * t,
                win.bottom() + (r.bottom() - win.bottom()) * t,
            ),
            pos2(
                win.left() - r.width() * 0.16 * t,
                win.bottom() + (r.bottom() - win.bottom()) * t,
            ),
        ],
        light.tint(WALL).lerp_to_gamma(sun, 0.55),
    );
    let (high, low) = light.sky();
    sky(p, win, high, low);
    window_frame(p, win);
    leaders_on_the_wall(p, r, win, &|c| light.tint(c));
    // The door on the left, and her before it with the bundle on her back.
    let door = Rect::from_min_max(
        pos2(r.left() + r.width() * 0.03, r.top() + r.height() * 0.14),
        pos2(r.left() + r.width() * 0.13, floor_y),
    );
    p.rect_filled(door, 2.0, light.tint(WOOD));
    p.circle_filled(
        pos2(door.right() - 7.0, door.center().y),
        3.0,
        Color32::from_rgb(200, 170, 90),
    );
    // Her, standing by the door, head to foot, the bundle tied on her back: about to go out.
    let (trader, family) = people
        .split_first()
        .map_or((None, people), |(t, f)| (Some(t), f));
    if let Some(&(face, mood)) = trader {
        let foot = pos2(r.left() + r.width() * 0.21, r.bottom() - r.height() * 0.05);
        standing(p, foot, r.height() * 0.9, face, mood, 0.0, true, light);
    }
    // The family sitting on the floor at the low table, its edge at their waists, their
    // hands on it and nothing on it yet (busts cut by the frame's foot read as floating);
    // the sick one in bed on the floor in front.
    let n = family.len().max(1) as f32;
    let slot = r.width() * 0.5 / n;
    let size = (r.height() * 0.5).min(slot * 1.1);
    let table_top = r.top() + r.height() * 0.8;
    let seated = p.with_clip_rect(Rect::from_min_max(
        r.min,
        pos2(r.right(), table_top + r.height() * 0.08),
    ));
    let mut bed = None;
    for (i, &(face, mood)) in family.iter().enumerate() {
        let x = r.left() + r.width() * 0.34 + slot * (i as f32 + 0.5);
        if mood == Mood::Sick {
            bed = Some((
                Rect::from_min_max(
                    pos2(x - slot * 0.5, r.top() + r.height() * 0.74),
                    pos2(x + slot * 1.3, r.bottom() - r.height() * 0.03),
                ),
                face,
            ));
        } else {
            let pr = Rect::from_min_max(
                pos2(x - size / 2.0, table_top - size * 1.08),
                pos2(x + size / 2.0, table_top - size * 0.08),
            );
            figure(
                &seated,
                pr,
                face,
                mood,
                Pose::AtTable {
                    y: 1.08,
                    spoon: false,
                },
            );
        }
    }
    if !family.is_empty() {
        let table = Rect::from_min_max(
            pos2(r.left() + r.width() * 0.34, table_top),
            pos2(
                r.left() + r.width() * 0.34 + slot * n,
                table_top + r.height() * 0.06,
            ),
        );
        p.rect_filled(table, 3.0, light.tint(WOOD));
        for leg in [table.left() + 8.0, table.right() - 14.0] {
            p.rect_filled(
                Rect::from_min_size(pos2(leg, table.bottom()), vec2(6.0, r.height() * 0.05)),
                0.0,
                light.tint(WOOD).gamma_multiply(0.8),
            );
        }
    }
    if let Some((mat, face)) = bed {
        in_bed(p, mat, face);
    }
}
