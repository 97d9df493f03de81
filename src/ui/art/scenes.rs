//! Scenes: a stop in the street, the family at the evening table, each ending.

use super::*;

/// A stop, as a scene (docs/art-direction.md): who stopped her, how, where and when.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stop {
    pub uniform: Uniform,
    /// Her phone in the inspector's hand (searched); else, while they hold her, his hand
    /// held out for it and hers holding it close (`clutched`).
    pub phone_in_hand: bool,
    pub clutched: bool,
    /// Where it happens (a plain wall and pavement without a place).
    pub place: Option<crate::rules::PlaceKind>,
    pub trader: Mood,
    pub inspector: Mood,
    pub light: Light,
    /// What their search found (items and screenshots), laid out between them as slips.
    pub found: u8,
}

impl Stop {
    /// The stop by `kind` as it stands in `st` (`log`: what has happened in it;
    /// `had_phone`: she had a phone when they stopped her).
    pub fn at(
        st: &crate::rules::GameState,
        log: &[crate::rules::Event],
        had_phone: bool,
        kind: crate::rules::InspectorKind,
    ) -> Stop {
        let held = st.inspection.as_ref();
        let searched = held.is_some_and(|i| i.stage == crate::rules::Stage::Searched);
        let lv = st.lv();
        Stop {
            uniform: Uniform::of(kind),
            phone_in_hand: had_phone && searched,
            clutched: held.is_some() && !searched && st.phone.present,
            place: Some(lv.places[st.place as usize].kind),
            trader: Mood::at_stop(held.is_some(), log),
            inspector: Stop::inspector_mood(log),
            light: Light::at(st.minute),
            found: held.filter(|_| searched).map_or(0, |i| {
                (i.found_items.len() + i.found_shots.len()).min(255) as u8
            }),
        }
    }

    /// The inspector's face at a stop: angry when the search found something or a bribe
    /// was refused, stern otherwise.
    pub fn inspector_mood(log: &[crate::rules::Event]) -> Mood {
        use crate::rules::Event;
        let found = log.iter().any(|e| match e {
            Event::Searched {
                items,
                shots,
                severity,
            } => *severity > 0 || !items.is_empty() || !shots.is_empty(),
            Event::BribeRefused { .. } | Event::HiddenSdFound | Event::Consequence(_) => true,
            _ => false,
        });
        if found { Mood::Angry } else { Mood::Stern }
    }
}

/// A stop: where it happens behind them (the place's backdrop in the light of the hour, or
/// a plain wall and pavement), the inspector on the left — his hand out for her phone, or
/// her phone held up in it, its screen lighting his face — and the trader on the right as
/// the moment finds her (afraid while it lasts, the phone clutched to her; relieved or
/// ashamed after).
pub fn stop_scene(p: &Painter, r: Rect, stop: Stop) {
    stop_scene_on(p, r, r, stop);
}

/// Where the inspector's words go in a stop's picture: the sky between the two heads, and
/// his mouth, where the bubble's tail points.
#[derive(Clone, Copy, Debug)]
pub struct Speech {
    pub room: Rect,
    pub mouth: Pos2,
}

/// A stop (see [`stop_scene`]) with the two drawn in `stage`, the part of the frame `r` that
/// a note or the choices laid on the picture leave; returns where his words go.
pub fn stop_scene_on(p: &Painter, r: Rect, stage: Rect, stop: Stop) -> Speech {
    let p = &p.with_clip_rect(r);
    match stop.place {
        // Where it happens: the place behind them, its drawing between the two.
        Some(kind) => place_backdrop(p, r, kind, Some(0.86), stop.light),
        None => {
            p.rect_filled(r, 8.0, stop.light.tint(Color32::from_rgb(200, 196, 186)));
            // A concrete wall's panels, then the pavement.
            let ground = r.top() + r.height() * 0.78;
            for i in 1..6 {
                let x = r.left() + r.width() * i as f32 / 6.0;
                p.line_segment(
                    [pos2(x, r.top() + 6.0), pos2(x, ground)],
                    Stroke::new(1.0, Color32::from_rgb(180, 176, 166)),
                );
            }
            ground_band(p, r, ground, 8, stop.light.tint(CONCRETE));
        }
    }
    // People on the street who have seen it and look on from a distance, muted by it.
    onlookers(p, r, stop.light);
    // Close, face to face in the middle however wide the frame, cut at the chest by its foot
    // and their heads near its top: the moment, not the street (the place's drawing to
    // the side).
    let stage = stage.intersect(r);
    // (Closer where a note narrows the stage: he stood half out of the frame.)
    let (share, apart) = if stage.width() < r.width() * 0.9 {
        (0.44, 0.56)
    } else {
        (0.4, 0.62)
    };
    let size = (stage.height() * 1.22).min(stage.width() * share);
    let apart = size * apart;
    // Cut at the chest by the stage's foot; where the stage is taller than they need, the
    // sky above them (his words go there).
    let bottom = (stage.top() + size * 0.9).max(stage.bottom());
    let y = bottom - size / 2.0;
    let left = Rect::from_center_size(pos2(stage.center().x - apart, y), vec2(size, size));
    let right = Rect::from_center_size(pos2(stage.center().x + apart, y), vec2(size, size));
    let heads = left.top() + size * 0.2;
    let sky = Rect::from_min_max(
        pos2(left.center().x - size * 0.1, r.top() + 6.0),
        pos2(right.center().x + size * 0.1, heads - 14.0),
    );
    let speech = Speech {
        // Above their heads where the sky has room; else between them.
        room: if sky.height() >= 56.0 {
            sky
        } else {
            Rect::from_min_max(
                pos2(left.center().x + size * 0.22, r.top() + 6.0),
                pos2(right.center().x - size * 0.22, r.top() + size * 0.5),
            )
        },
        mouth: pos2(left.center().x + size * 0.17, left.top() + size * 0.5),
    };
    let arm_out = stop.phone_in_hand || stop.clutched;
    inspector_posed(p, left, stop.uniform, stop.inspector, arm_out);
    portrait(p, right, TRADER, stop.trader);
    let cloth = stop.uniform.jacket();
    let sleeve = cloth.lerp_to_gamma(Color32::BLACK, 0.12);
    let shoulder = pos2(left.center().x + size * 0.3, left.top() + size * 0.86);
    if stop.phone_in_hand {
        // Her phone held up in his hand, its screen lit.
        let hand = pos2(left.center().x + size * 0.46, left.top() + size * 0.58);
        let phone =
            Rect::from_center_size(hand - vec2(0.0, size * 0.1), vec2(size * 0.11, size * 0.2));
        p.rect_filled(phone, 3.0, Color32::from_rgb(22, 24, 28));
        p.rect_filled(phone.shrink(2.5), 2.0, Color32::from_rgb(150, 190, 220));
        arm(p, shoulder, hand, size * 0.13, sleeve);
        if stop.uniform != Uniform::Security {
            armband(p, shoulder, hand, size * 0.13);
        }
    } else if stop.clutched {
        // His hand held out for it (the State Security officer does not reach: he holds his
        // notebook and waits); hers holding it close.
        if stop.uniform == Uniform::Security {
            let hand = pos2(left.center().x + size * 0.2, left.top() + size * 0.84);
            let book = Rect::from_center_size(
                hand - vec2(0.0, size * 0.06),
                vec2(size * 0.16, size * 0.11),
            );
            arm(p, shoulder, hand, size * 0.13, sleeve);
            p.rect_filled(book, 2.0, Color32::from_rgb(236, 232, 220));
            for k in 1..4 {
                let y = book.top() + book.height() * k as f32 / 4.0;
                p.line_segment(
                    [pos2(book.left() + 3.0, y), pos2(book.right() - 3.0, y)],
                    Stroke::new(1.0, Color32::from_rgb(150, 146, 140)),
                );
            }
        } else {
            let hand = pos2(left.center().x + size * 0.6, left.top() + size * 0.76);
            arm(p, shoulder, hand, size * 0.13, sleeve);
            armband(p, shoulder, hand, size * 0.13);
        }
        // Her phone held close in both hands below the collar, its screen lit (a black bar
        // at the neck read as a tie).
        let chest = pos2(right.center().x, right.top() + size * 0.9);
        let phone = Rect::from_center_size(chest, vec2(size * 0.13, size * 0.2));
        p.rect_filled(phone, 4.0, Color32::from_rgb(22, 24, 28));
        p.rect_filled(
            phone.shrink(size * 0.015),
            2.0,
            Color32::from_rgb(150, 190, 220),
        );
        for dx in [-0.075, 0.075] {
            ellipse(
                p,
                chest + vec2(dx * size, size * 0.05),
                vec2(size * 0.05, size * 0.06),
                SKIN,
            );
        }
    }
    if stop.found > 0 {
        // What they found, as slips fanned out between the two at chest height, each with a
        // red warning mark: the evidence, seen.
        evidence(
            p,
            pos2(stage.center().x, left.top() + size * 0.8),
            size * 0.16,
            stop.found,
        );
    }
    speech
}

/// Up to six slips of what a search found, fanned from `c`, `w` wide each.
fn evidence(p: &Painter, c: Pos2, w: f32, n: u8) {
    let n = n.min(6) as usize;
    for k in 0..n {
        let t = if n > 1 {
            k as f32 / (n - 1) as f32 - 0.5
        } else {
            0.0
        };
        let angle = t * 0.9;
        let at = c + vec2(t * w * 1.6, (t * t) * w * 0.5);
        let (sin, cos) = angle.sin_cos();
        let turn = |x: f32, y: f32| at + vec2(x * cos - y * sin, x * sin + y * cos);
        let (hw, hh) = (w * 0.5, w * 0.65);
        let corners = vec![turn(-hw, -hh), turn(hw, -hh), turn(hw, hh), turn(-hw, hh)];
        p.add(egui::Shape::convex_polygon(
            corners,
            Color32::from_rgb(250, 248, 240),
            Stroke::new(1.0, Color32::from_rgb(120, 112, 104)),
        ));
        // The warning mark, and two lines of writing under it.
        p.add(egui::Shape::convex_polygon(
            vec![
                turn(0.0, -hh * 0.75),
                turn(hw * 0.45, -hh * 0.1),
                turn(-hw * 0.45, -hh * 0.1),
            ],
            STATE_RED,
            Stroke::NONE,
        ));
        for y in [0.25, 0.5] {
            p.line_segment(
                [turn(-hw * 0.65, hh * y), turn(hw * 0.65, hh * y)],
                Stroke::new(1.0, Color32::from_rgb(150, 144, 136)),
            );
        }
    }
}

/// A speech bubble with `text` (laid out by the caller, in the ink it is to be read in) at
/// the top of `speech.room`, its tail to the speaker's mouth.
pub fn speech_bubble(p: &Painter, speech: Speech, text: std::sync::Arc<egui::Galley>) {
    let pad = vec2(12.0, 8.0);
    let size = text.size() + pad * 2.0;
    let room = speech.room;
    // Near his head: its left end a little left of his mouth, inside the room.
    let left = (speech.mouth.x - size.x * 0.3)
        .min(room.right() - size.x)
        .max(room.left());
    // (Low in its room, just over the heads: a short tail.)
    let top = (room.bottom() - size.y).max(room.top());
    let bubble = Rect::from_min_size(pos2(left, top), size);
    let paper = Color32::from_rgb(252, 250, 244);
    let edge = Stroke::new(1.5, Color32::from_rgb(60, 56, 52));
    // The tail from the bubble's lower left to his mouth, under the bubble's edge.
    let root = pos2(
        (speech.mouth.x + 8.0).clamp(bubble.left() + 18.0, bubble.right() - 18.0),
        bubble.bottom() - 1.0,
    );
    let tail = vec![root - vec2(10.0, 0.0), speech.mouth, root + vec2(12.0, 0.0)];
    p.add(egui::Shape::convex_polygon(tail.clone(), paper, edge));
    p.rect(bubble, 12.0, paper, edge, egui::StrokeKind::Inside);
    // (The tail's edge not drawn across the bubble where they meet.)
    p.line_segment(
        [root - vec2(8.5, 0.0), root + vec2(10.5, 0.0)],
        Stroke::new(3.0, paper),
    );
    p.galley(bubble.min + pad, text, Color32::BLACK);
}

/// Three passers-by far behind a stop, at the edges, stopped to watch: dark, small, still.
fn onlookers(p: &Painter, r: Rect, light: Light) {
    let h = r.height();
    let ground = r.top() + h * 0.8;
    for (fx, k) in [(0.07, 0.34), (0.13, 0.3), (0.93, 0.32)] {
        let x = r.left() + r.width() * fx;
        let tall = h * k;
        let coat = light.tint(Color32::from_rgb(108, 108, 118));
        dome(p, pos2(x, ground), vec2(tall * 0.28, tall * 0.62), coat);
        p.circle_filled(pos2(x, ground - tall * 0.74), tall * 0.15, coat);
    }
}

pub(super) const AMBER_BADGE: Color32 = Color32::from_rgb(214, 170, 60);

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
    // The bowl's body below the rim, and the rim's edge.
    fill(
        p,
        arc(c, vec2(rim.x, w * 0.38), 0.0, std::f32::consts::PI, 14),
        BOWL,
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
    let dim = |c: Color32| {
        let grey = Color32::from_rgb(96, 96, 110);
        match (lit, meagre) {
            (false, _) => c.lerp_to_gamma(grey, 0.3),
            (true, true) => c.lerp_to_gamma(grey, 0.14),
            (true, false) => c,
        }
    };
    p.rect_filled(r, 8.0, dim(WALL));
    ground_band(p, r, floor_y, 8, dim(FLOOR));
    let win = Rect::from_min_size(
        pos2(r.right() - r.width() * 0.2, r.top() + r.height() * 0.1),
        vec2(r.width() * 0.13, r.height() * 0.3),
    );
    // A bare bulb over the table, its warm light on the wall (off on a night without food).
    let bulb = pos2(r.left() + r.width() * 0.46, r.top() + r.height() * 0.12);
    p.line_segment(
        [pos2(bulb.x, r.top()), bulb],
        Stroke::new(1.5, Color32::from_rgb(70, 60, 50)),
    );
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
    for (i, &(face, mood)) in people.iter().enumerate() {
        let x = r.left() + r.width() * 0.06 + slot * (i as f32 + 0.5);
        let pr = Rect::from_min_max(
            pos2(x - size / 2.0, table_top - size),
            pos2(x + size / 2.0, table_top + size * 0.1),
        );
        // An unknown face is an empty place at the table: someone who is not there.
        if mood == Mood::Sick {
            // Sick: not at the table but in bed on the floor, in front (drawn last).
            in_bed_face = Some(face);
        } else if face != Face::Unknown {
            portrait(p, pr, face, mood);
        }
        if kept_home == Some(i) {
            // The school bag by the wall, not taken today.
            let b = Rect::from_min_size(
                pos2(x + size * 0.36, floor_y - size * 0.3),
                vec2(size * 0.22, size * 0.26),
            );
            p.rect_filled(b, 3.0, Color32::from_rgb(60, 70, 100));
            p.line_segment(
                [
                    b.left_top() + vec2(size * 0.04, 0.0),
                    b.right_top() - vec2(size * 0.04, 0.0),
                ],
                Stroke::new(2.0, Color32::from_rgb(40, 44, 60)),
            );
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

/// Someone sick in bed on the floor, in `mat`: the quilt over them, their head on a pillow
/// at the left end, eyes closed, a damp cloth on the forehead.
fn in_bed(p: &Painter, mat: Rect, face: Face) {
    let h = mat.height();
    p.rect_filled(mat, 4.0, Color32::from_rgb(214, 200, 176));
    let pillow = pos2(mat.left() + h * 0.9, mat.center().y);
    ellipse(p, pillow, vec2(h * 0.8, h * 0.4), BOWL);
    let head_c = pos2(pillow.x, mat.center().y - h * 0.22);
    let head_r = vec2(h * 0.5, h * 0.6);
    let skin = SKIN.lerp_to_gamma(Color32::from_rgb(206, 206, 196), 0.5);
    ellipse(p, head_c, head_r, skin);
    let reach = if face == Face::Girl { -0.1 } else { -0.3 };
    super::people::hair_cap(p, head_c, head_r, reach, HAIR);
    super::people::face_features(
        p,
        head_c,
        head_r,
        h * 2.9,
        Mood::Sick,
        SKIN_SHADE.lerp_to_gamma(Color32::from_rgb(206, 206, 196), 0.5),
    );
    p.rect_filled(
        Rect::from_center_size(
            head_c - vec2(0.0, head_r.y * 0.45),
            vec2(head_r.x * 1.3, h * 0.14),
        ),
        2.0,
        Color32::from_rgb(244, 244, 240),
    );
    // The quilt over them, from the shoulders.
    rect(
        p,
        pos2(head_c.x + head_r.x * 0.8, mat.top() + h * 0.1),
        pos2(mat.right() - h * 0.15, mat.bottom() - h * 0.06),
        egui::CornerRadius::same((h * 0.25) as u8),
        Color32::from_rgb(150, 120, 110),
    );
    p.line_segment(
        [
            pos2(head_c.x + head_r.x * 0.8 + h * 0.5, mat.top() + h * 0.1),
            pos2(head_c.x + head_r.x * 0.8 + h * 0.5, mat.bottom() - h * 0.06),
        ],
        Stroke::new(1.5, Color32::from_rgb(130, 100, 92)),
    );
}

/// Steam rising from a bowl whose rim is at `c` (`w` wide), `t` of the way through (0 to
/// 1): three wisps that rise, sway and fade. `seed` sets each bowl's sway apart.
fn rising_steam(p: &Painter, c: Pos2, w: f32, t: f32, seed: usize) {
    // Fades in quickly, out slowly.
    let alpha = (t / 0.15).min(1.0) * (1.0 - crate::ui::motion::ease(t));
    let white = Color32::from_white_alpha((alpha * 230.0) as u8);
    // (Below their chins: steam, not a veil over the faces.)
    let rise = w * (0.25 + 0.5 * t);
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
        p.add(Shape::line(pts, Stroke::new((w * 0.1).max(2.0), white)));
    }
}

/// The home in the morning (the morning screen): the light through the window onto the wall,
/// the family as the night left them (`people`, her first; someone sick stays in bed), and
/// her by the door with the bundle of goods on her back, about to go out.
pub fn morning_room(p: &Painter, r: Rect, people: &[(Face, Mood)]) {
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
    fill(
        p,
        vec![
            win.left_bottom(),
            win.right_bottom(),
            pos2(win.right() - r.width() * 0.08, r.bottom()),
            pos2(win.left() - r.width() * 0.16, r.bottom()),
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
    let size = r.height() * 0.8;
    let her = Rect::from_center_size(
        pos2(r.left() + r.width() * 0.2, r.bottom() - size / 2.0),
        vec2(size, size),
    );
    ellipse(
        p,
        pos2(her.center().x - size * 0.3, her.top() + size * 0.62),
        vec2(size * 0.18, size * 0.2),
        Color32::from_rgb(150, 128, 96),
    );
    let (trader, family) = people
        .split_first()
        .map_or((None, people), |(t, f)| (Some(t), f));
    if let Some(&(face, mood)) = trader {
        portrait(p, her, face, mood);
    }
    // The family along the wall; the sick one in bed on the floor.
    let n = family.len().max(1) as f32;
    let slot = r.width() * 0.5 / n;
    let size = (r.height() * 0.62).min(slot * 1.1);
    for (i, &(face, mood)) in family.iter().enumerate() {
        let x = r.left() + r.width() * 0.34 + slot * (i as f32 + 0.5);
        if mood == Mood::Sick {
            let mat = Rect::from_min_max(
                pos2(x - slot * 0.5, r.top() + r.height() * 0.74),
                pos2(x + slot * 1.3, r.bottom() - r.height() * 0.03),
            );
            in_bed(p, mat, face);
        } else {
            portrait(
                p,
                Rect::from_center_size(pos2(x, r.bottom() - size / 2.0), vec2(size, size)),
                face,
                mood,
            );
        }
    }
}
