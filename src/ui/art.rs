//! The game's pictures, drawn as vector shapes with egui's painter (docs/art-direction.md):
//! the people's portraits, the family at the evening table, the inspector. Flat shapes in a
//! small muted palette, faces simple and calm (two eyes, a mouth line, no caricature), red
//! kept for the state (an inspector's armband) and for risk.

use crate::rules::{Face, Grain, Meal};
use bevy_egui::egui::{self, Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

// The palette (docs/art-direction.md): paper and ink, concrete, the bay, rust roofs, and
// red for the state alone.
pub const WALL: Color32 = Color32::from_rgb(226, 214, 190);
pub const FLOOR: Color32 = Color32::from_rgb(176, 150, 118);
pub const WOOD: Color32 = Color32::from_rgb(112, 78, 52);
pub const NIGHT: Color32 = Color32::from_rgb(52, 62, 86);
pub const SKIN: Color32 = Color32::from_rgb(222, 186, 150);
pub const SKIN_SHADE: Color32 = Color32::from_rgb(188, 148, 116);
pub const HAIR: Color32 = Color32::from_rgb(38, 34, 32);
pub const GREY_HAIR: Color32 = Color32::from_rgb(170, 166, 160);
pub const UNIFORM: Color32 = Color32::from_rgb(88, 96, 70);
pub const STATE_RED: Color32 = Color32::from_rgb(184, 36, 36);
pub const BOWL: Color32 = Color32::from_rgb(240, 236, 226);

/// How someone looks tonight: fed, hungry (paler, eyes down), or sick in bed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    Well,
    Hungry,
    Sick,
}

/// The trader herself, drawn beside the family.
pub const TRADER: Face = Face::Woman;

/// What they wear: muted, one colour each, so that four people at a table read apart.
fn clothes(face: Face) -> Color32 {
    match face {
        Face::Woman => Color32::from_rgb(120, 82, 92),
        Face::Man => Color32::from_rgb(72, 84, 104),
        Face::Girl => Color32::from_rgb(50, 60, 92),
        Face::Boy => Color32::from_rgb(92, 110, 80),
        Face::OldWoman => Color32::from_rgb(110, 100, 120),
        Face::OldMan | Face::Unknown => Color32::from_rgb(100, 96, 90),
    }
}

/// Points along an ellipse from angle `a0` to `a1` (radians, 0 = right, clockwise on screen
/// since y points down); closed by the chord they make a convex shape.
fn arc(c: Pos2, r: egui::Vec2, a0: f32, a1: f32, n: usize) -> Vec<Pos2> {
    (0..=n)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f32 / n as f32;
            pos2(c.x + r.x * a.cos(), c.y + r.y * a.sin())
        })
        .collect()
}

/// A filled rectangle from corner `a` to corner `b`.
fn rect(p: &Painter, a: Pos2, b: Pos2, round: impl Into<egui::CornerRadius>, color: Color32) {
    p.rect_filled(Rect::from_min_max(a, b), round, color);
}

/// The ground of a scene: a band from `top` to the bottom of `r`, its lower corners
/// rounded as the scene's.
fn ground_band(p: &Painter, r: Rect, top: f32, round: u8, color: Color32) {
    let corners = egui::CornerRadius {
        nw: 0,
        ne: 0,
        sw: round,
        se: round,
    };
    rect(p, pos2(r.left(), top), r.max, corners, color);
}

/// The upper half of an ellipse centred at `c`: a mound of rice, a hill, a rounded roof,
/// shoulders.
pub(crate) fn dome(p: &Painter, c: Pos2, r: egui::Vec2, color: Color32) {
    fill(
        p,
        arc(c, r, std::f32::consts::PI, 2.0 * std::f32::consts::PI, 14),
        color,
    );
}

fn fill(p: &Painter, pts: Vec<Pos2>, color: Color32) {
    p.add(Shape::convex_polygon(pts, color, Stroke::NONE));
}

fn ellipse(p: &Painter, c: Pos2, r: egui::Vec2, color: Color32) {
    p.add(Shape::ellipse_filled(c, r, color));
}

/// A head-and-shoulders portrait filling `r` (square is best). `face` picks hair, age and
/// clothes; `mood` the colour of the skin and the eyes. An unknown face is a plain disc.
pub fn portrait(p: &Painter, r: Rect, face: Face, mood: Mood) {
    let s = r.width().min(r.height());
    let cx = r.center().x;
    let top = r.bottom() - s;
    let at = |x: f32, y: f32| pos2(cx + x * s, top + y * s);
    let v = |x: f32, y: f32| vec2(x * s, y * s);
    if face == Face::Unknown {
        p.circle_filled(at(0.0, 0.5), 0.42 * s, SKIN_SHADE);
        return;
    }
    let pale = |c: Color32| match mood {
        Mood::Well => c,
        // Hunger and illness drain the colour from a face.
        Mood::Hungry => c.lerp_to_gamma(Color32::from_rgb(200, 196, 186), 0.35),
        Mood::Sick => c.lerp_to_gamma(Color32::from_rgb(206, 206, 196), 0.5),
    };
    let skin = pale(SKIN);
    let child = matches!(face, Face::Girl | Face::Boy);
    let old = matches!(face, Face::OldWoman | Face::OldMan);
    let hair = if old { GREY_HAIR } else { HAIR };
    // Children sit smaller at the same table.
    let k = if child { 0.86 } else { 1.0 };
    let head_c = at(0.0, 0.42 + (1.0 - k) * 0.5);
    let head_r = v(0.17, 0.21) * k;
    let shoulders_top = head_c.y + head_r.y * 1.15;

    // A girl's hair falls to her shoulders.
    if face == Face::Girl {
        let w = 1.3;
        rect(
            p,
            pos2(head_c.x - head_r.x * w, head_c.y - head_r.y * 0.2),
            pos2(head_c.x + head_r.x * w, shoulders_top + 0.1 * s),
            egui::CornerRadius::same((0.08 * s) as u8),
            hair,
        );
    }
    // Shoulders and clothes.
    let body = clothes(face);
    rect(
        p,
        pos2(cx - 0.4 * s * k, shoulders_top),
        pos2(cx + 0.4 * s * k, r.bottom() + 0.2 * s),
        egui::CornerRadius::same((0.16 * s) as u8),
        body,
    );
    // Neck and collar.
    p.rect_filled(
        Rect::from_center_size(
            pos2(cx, shoulders_top - 0.02 * s),
            vec2(0.12 * s * k, 0.12 * s),
        ),
        0.0,
        pale(SKIN_SHADE),
    );
    if face == Face::Girl {
        // A school blouse's white collar.
        collar(
            p,
            pos2(cx, shoulders_top),
            vec2(0.12 * s, 0.09 * s),
            Color32::from_rgb(236, 234, 228),
        );
    }
    // The head.
    ellipse(p, head_c, head_r, skin);
    // How far down the hair comes (sine of the angle below the middle of the head): a
    // girl's fringe, hair pulled back, short hair.
    let reach = match face {
        Face::Girl => -0.1,
        Face::Woman | Face::OldWoman => -0.4,
        _ => -0.3,
    };
    hair_cap(p, head_c, head_r, reach, hair);
    if matches!(face, Face::Woman | Face::OldWoman) {
        // Hair tied up in a bun.
        p.circle_filled(head_c - vec2(0.0, head_r.y * 1.05), 0.07 * s, hair);
    }
    // Eyes: open, or lowered for hunger and closed for illness; a quiet mouth.
    let ink = Color32::from_rgb(40, 34, 30);
    let ey = head_c.y + head_r.y * 0.12;
    for dx in [-0.4, 0.4] {
        let e = pos2(head_c.x + dx * head_r.x, ey);
        match mood {
            Mood::Well => {
                p.circle_filled(e, 0.022 * s, ink);
            }
            Mood::Hungry | Mood::Sick => {
                p.line_segment(
                    [e - vec2(0.03 * s, 0.0), e + vec2(0.03 * s, 0.0)],
                    Stroke::new((0.012 * s).max(1.0), ink),
                );
            }
        }
    }
    let my = head_c.y + head_r.y * 0.55;
    p.line_segment(
        [
            pos2(head_c.x - 0.035 * s, my),
            pos2(head_c.x + 0.035 * s, my),
        ],
        Stroke::new((0.01 * s).max(1.0), pale(SKIN_SHADE).gamma_multiply(0.8)),
    );
    if mood == Mood::Sick {
        // A damp cloth on the forehead.
        p.rect_filled(
            Rect::from_center_size(
                head_c - vec2(0.0, head_r.y * 0.45),
                vec2(head_r.x * 1.3, 0.06 * s),
            ),
            2.0,
            Color32::from_rgb(244, 244, 240),
        );
    }
}

/// A V-shaped collar below the neck at `c`: `size` is its half-width and depth.
fn collar(p: &Painter, c: Pos2, size: egui::Vec2, color: Color32) {
    fill(
        p,
        vec![
            c - vec2(size.x, 0.0),
            c + vec2(0.0, size.y),
            c + vec2(size.x, 0.0),
        ],
        color,
    );
}

/// Hair over the crown down to `reach` (the sine of the angle below the middle of the
/// head where it stops): a segment of an ellipse slightly larger than the head.
fn hair_cap(p: &Painter, head_c: Pos2, head_r: egui::Vec2, reach: f32, color: Color32) {
    let a = reach.asin();
    fill(
        p,
        arc(
            head_c - vec2(0.0, head_r.y * 0.06),
            head_r * 1.08,
            std::f32::consts::PI - a,
            2.0 * std::f32::consts::PI + a,
            20,
        ),
        color,
    );
}

/// Who stops her, as a player tells them apart at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uniform {
    /// The street teams (Group 8.2's joint command): olive uniform, the red armband, a
    /// peaked cap with a red band.
    StreetTeam,
    /// The youth league's young patrols: the same uniform and armband, bareheaded.
    Youth,
    /// An officer of State Security: no uniform and no armband, a dark jacket over a white
    /// shirt; he does not need to show who he is.
    Security,
}

impl Uniform {
    pub fn of(kind: crate::rules::InspectorKind) -> Uniform {
        use crate::rules::InspectorKind as K;
        match kind {
            K::JointCommand82 => Uniform::StreetTeam,
            K::YouthLeague => Uniform::Youth,
            K::StateSecurity => Uniform::Security,
        }
    }
}

const SECURITY_JACKET: Color32 = Color32::from_rgb(46, 50, 60);

/// Someone who stops her: a person, the same face as anyone else, dressed as `uniform` says.
pub fn inspector(p: &Painter, r: Rect, uniform: Uniform) {
    let s = r.width().min(r.height());
    let cx = r.center().x;
    let top = r.bottom() - s;
    let head_c = pos2(cx, top + 0.44 * s);
    let head_r = vec2(0.17 * s, 0.21 * s);
    let shoulders_top = head_c.y + head_r.y * 1.15;
    let security = uniform == Uniform::Security;
    rect(
        p,
        pos2(cx - 0.42 * s, shoulders_top),
        pos2(cx + 0.42 * s, r.bottom() + 0.2 * s),
        egui::CornerRadius::same((0.14 * s) as u8),
        if security { SECURITY_JACKET } else { UNIFORM },
    );
    if !security {
        // The red armband on the left arm (our right), the mark of the street teams.
        rect(
            p,
            pos2(cx + 0.28 * s, shoulders_top + 0.05 * s),
            pos2(cx + 0.42 * s, shoulders_top + 0.14 * s),
            0.0,
            STATE_RED,
        );
    }
    // Collar, neck, head.
    p.rect_filled(
        Rect::from_center_size(pos2(cx, shoulders_top - 0.02 * s), vec2(0.12 * s, 0.12 * s)),
        0.0,
        SKIN_SHADE,
    );
    if security {
        // A white shirt's open collar in the dark jacket, and a small pin on the lapel.
        collar(
            p,
            pos2(cx, shoulders_top),
            vec2(0.16 * s, 0.12 * s),
            Color32::from_rgb(236, 234, 226),
        );
        p.circle_filled(
            pos2(cx - 0.22 * s, shoulders_top + 0.1 * s),
            0.025 * s,
            STATE_RED,
        );
    } else {
        collar(
            p,
            pos2(cx, shoulders_top),
            vec2(0.14 * s, 0.1 * s),
            Color32::from_rgb(70, 76, 56),
        );
    }
    ellipse(p, head_c, head_r, SKIN);
    match uniform {
        // Short hair, no cap.
        Uniform::Youth => hair_cap(p, head_c, head_r, -0.05, HAIR),
        // Hair combed flat, a little longer: an office, not a street patrol.
        Uniform::Security => hair_cap(p, head_c, head_r, 0.05, HAIR),
        Uniform::StreetTeam => peaked_cap(p, cx, s, head_c, head_r),
    }
    let ink = Color32::from_rgb(40, 34, 30);
    for dx in [-0.4, 0.4] {
        p.circle_filled(
            pos2(head_c.x + dx * head_r.x, head_c.y + head_r.y * 0.12),
            0.022 * s,
            ink,
        );
    }
    p.line_segment(
        [
            pos2(cx - 0.04 * s, head_c.y + head_r.y * 0.55),
            pos2(cx + 0.04 * s, head_c.y + head_r.y * 0.55),
        ],
        Stroke::new((0.01 * s).max(1.0), SKIN_SHADE),
    );
}

/// The peaked cap: crown, red band, visor, badge.
fn peaked_cap(p: &Painter, cx: f32, s: f32, head_c: Pos2, head_r: egui::Vec2) {
    let crown = Rect::from_min_max(
        pos2(cx - head_r.x * 1.25, head_c.y - head_r.y * 1.25),
        pos2(cx + head_r.x * 1.25, head_c.y - head_r.y * 0.55),
    );
    p.rect_filled(crown, egui::CornerRadius::same((0.05 * s) as u8), UNIFORM);
    rect(
        p,
        pos2(crown.left(), crown.bottom() - 0.05 * s),
        crown.right_bottom(),
        0.0,
        STATE_RED.gamma_multiply(0.85),
    );
    fill(
        p,
        arc(
            pos2(cx, crown.bottom()),
            vec2(head_r.x * 1.05, 0.05 * s),
            0.0,
            std::f32::consts::PI,
            12,
        ),
        Color32::from_rgb(40, 42, 34),
    );
    p.circle_filled(pos2(cx, crown.center().y - 0.02 * s), 0.03 * s, AMBER_BADGE);
}

/// A stop: where it happens behind them (the place's backdrop, or a plain wall and pavement
/// without a place), the inspector on the left with her phone in hand (if she had one), the
/// trader on the right.
pub fn stop_scene(
    p: &Painter,
    r: Rect,
    uniform: Uniform,
    phone_in_hand: bool,
    place: Option<crate::rules::PlaceKind>,
) {
    match place {
        // Where it happens: the place behind them, its drawing between the two.
        Some(kind) => place_backdrop(&p.with_clip_rect(r), r, kind, 0.5),
        None => {
            p.rect_filled(r, 8.0, Color32::from_rgb(200, 196, 186));
            // A concrete wall's panels, then the pavement.
            let ground = r.top() + r.height() * 0.78;
            for i in 1..6 {
                let x = r.left() + r.width() * i as f32 / 6.0;
                p.line_segment(
                    [pos2(x, r.top() + 6.0), pos2(x, ground)],
                    Stroke::new(1.0, Color32::from_rgb(180, 176, 166)),
                );
            }
            ground_band(p, r, ground, 8, Color32::from_rgb(150, 146, 138));
        }
    }
    let size = r.height() * 0.92;
    let left = Rect::from_center_size(
        pos2(r.left() + r.width() * 0.3, r.bottom() - size / 2.0),
        vec2(size, size),
    );
    let right = Rect::from_center_size(
        pos2(r.left() + r.width() * 0.7, r.bottom() - size / 2.0),
        vec2(size, size),
    );
    inspector(p, left, uniform);
    portrait(p, right, TRADER, Mood::Well);
    if phone_in_hand {
        // Her phone, held up in the inspector's hand, its screen lit.
        let hand = pos2(left.center().x + size * 0.34, left.top() + size * 0.72);
        p.circle_filled(hand, size * 0.05, SKIN);
        let phone =
            Rect::from_center_size(hand - vec2(0.0, size * 0.1), vec2(size * 0.11, size * 0.2));
        p.rect_filled(phone, 3.0, Color32::from_rgb(22, 24, 28));
        p.rect_filled(phone.shrink(2.5), 2.0, Color32::from_rgb(150, 190, 220));
    }
}

const AMBER_BADGE: Color32 = Color32::from_rgb(214, 170, 60);

/// One bowl on the table, as full as the evening was: a mound of rice or corn, thin
/// porridge, half a bowl, or nothing.
pub fn bowl(p: &Painter, c: Pos2, w: f32, meal: Meal, grain: Grain) {
    let food = match grain {
        Grain::Rice => Color32::from_rgb(246, 244, 236),
        Grain::Corn => Color32::from_rgb(226, 184, 82),
        Grain::Porridge => Color32::from_rgb(214, 196, 150),
    };
    let rim = vec2(w * 0.5, w * 0.12);
    // Inside of the bowl (seen from a little above), then its contents.
    ellipse(p, c, rim, Color32::from_rgb(196, 190, 178));
    match meal {
        Meal::Fed if grain != Grain::Porridge => {
            dome(p, c, vec2(rim.x * 0.9, w * 0.3), food);
        }
        Meal::Fed | Meal::AteLittle => {
            ellipse(p, c + vec2(0.0, rim.y * 0.2), rim * 0.78, food);
        }
        Meal::WentWithout => {}
    }
    // The bowl's body.
    fill(
        p,
        arc(c, vec2(rim.x, w * 0.38), 0.0, std::f32::consts::PI, 14),
        BOWL,
    );
    p.line_segment(
        [c - vec2(rim.x, 0.0), c + vec2(rim.x, 0.0)],
        Stroke::new(1.0, Color32::from_rgb(150, 140, 126)),
    );
}

/// The family at the low table on the evening: the trader and each member, their bowls,
/// a sick child under a blanket with a cloth on the forehead, a child kept home with the
/// school bag left by the wall; an [`Face::Unknown`] is an empty place. Drawn in `r`; returns the centre of each person's place
/// (for their names under it).
pub fn family_table(
    p: &Painter,
    r: Rect,
    people: &[(Face, Mood)],
    meal: Meal,
    grain: Grain,
    kept_home: Option<usize>,
) -> Vec<Pos2> {
    // The room: a wall, the window dark with evening, the floor.
    let floor_y = r.top() + r.height() * 0.72;
    p.rect_filled(r, 8.0, WALL);
    ground_band(p, r, floor_y, 8, FLOOR);
    let win = Rect::from_min_size(
        pos2(r.right() - r.width() * 0.2, r.top() + r.height() * 0.1),
        vec2(r.width() * 0.13, r.height() * 0.3),
    );
    p.rect_filled(win, 2.0, NIGHT);
    p.rect_stroke(win, 2.0, Stroke::new(3.0, WOOD), egui::StrokeKind::Middle);
    p.line_segment(
        [win.center_top(), win.center_bottom()],
        Stroke::new(2.0, WOOD),
    );
    // The people, sitting behind the table.
    let n = people.len().max(1) as f32;
    let slot = (r.width() * 0.78) / n;
    let size = (r.height() * 0.62).min(slot * 0.95);
    let table_top = r.top() + r.height() * 0.66;
    let mut centres = Vec::new();
    for (i, &(face, mood)) in people.iter().enumerate() {
        let x = r.left() + r.width() * 0.06 + slot * (i as f32 + 0.5);
        let pr = Rect::from_min_max(
            pos2(x - size / 2.0, table_top - size),
            pos2(x + size / 2.0, table_top + size * 0.1),
        );
        // An unknown face is an empty place at the table: someone who is not there.
        if face != Face::Unknown {
            portrait(p, pr, face, mood);
        }
        if mood == Mood::Sick {
            // A blanket round the shoulders.
            rect(
                p,
                pos2(x - size * 0.42, table_top - size * 0.22),
                pos2(x + size * 0.42, table_top + size * 0.05),
                egui::CornerRadius::same((size * 0.08) as u8),
                Color32::from_rgb(150, 120, 110),
            );
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
    }
    centres
}

/// Each ending as a picture of its own (docs/art-direction.md): the family's table as the
/// days left it, or where they left her. `members` are the family beside her; `grain` what
/// the household ate last.
/// `taker`: who took the phone, for the phone-loss ending (the street team if unknown).
pub fn ending_scene(
    p: &Painter,
    r: Rect,
    ending: crate::rules::Ending,
    members: &[Face],
    grain: Grain,
    taker: Option<Uniform>,
) {
    use crate::rules::Ending as E;
    // The family at the table in `r`, her (`trader`) first, all looking as `mood` says.
    let table_in = |r: Rect, trader: Face, mood: Mood, meal: Meal, grain: Grain| {
        let people: Vec<(Face, Mood)> = std::iter::once((trader, mood))
            .chain(members.iter().map(|&f| (f, mood)))
            .collect();
        family_table(p, r, &people, meal, grain, None);
    };
    let table = |trader, mood, meal, grain| table_in(r, trader, mood, meal, grain);
    match ending {
        E::Thriving => {
            // Rice for everyone, the light on, a sack of rice put by against the wall.
            table(TRADER, Mood::Well, Meal::Fed, Grain::Rice);
            let lamp = pos2(r.left() + r.width() * 0.45, r.top() + r.height() * 0.16);
            p.line_segment(
                [pos2(lamp.x, r.top()), lamp],
                Stroke::new(1.5, Color32::from_rgb(70, 60, 50)),
            );
            p.circle_filled(lamp, r.height() * 0.09, Color32::from_rgb(250, 226, 150));
            p.circle_filled(lamp, r.height() * 0.04, Color32::from_rgb(255, 246, 214));
            let floor_y = r.top() + r.height() * 0.72;
            let sack = Rect::from_min_max(
                pos2(r.right() - r.width() * 0.11, floor_y - r.height() * 0.2),
                pos2(r.right() - r.width() * 0.03, floor_y + r.height() * 0.08),
            );
            p.rect_filled(sack, 6.0, Color32::from_rgb(226, 214, 184));
            p.rect_stroke(
                sack,
                6.0,
                Stroke::new(1.5, Color32::from_rgb(150, 120, 80)),
                egui::StrokeKind::Inside,
            );
            p.line_segment(
                [
                    sack.left_top() + vec2(sack.width() * 0.2, sack.height() * 0.18),
                    sack.right_top() + vec2(-sack.width() * 0.2, sack.height() * 0.18),
                ],
                Stroke::new(2.0, Color32::from_rgb(150, 120, 80)),
            );
        }
        E::FamilyFed => table(TRADER, Mood::Well, Meal::Fed, grain),
        E::FamilyHungry => table(TRADER, Mood::Hungry, Meal::WentWithout, grain),
        E::InDebt => {
            // Little in the bowls, and the lender's note pinned to the wall beside them.
            let split = r.left() + r.width() * 0.17;
            let rest = Rect::from_min_max(pos2(split, r.top()), r.max);
            table_in(rest, TRADER, Mood::Hungry, Meal::AteLittle, grain);
            // The same wall and floor carried on to the left, over the room's rounded edge.
            let left = |nw, sw| egui::CornerRadius {
                nw,
                sw,
                ne: 0,
                se: 0,
            };
            let floor_y = r.top() + r.height() * 0.72;
            rect(p, r.min, pos2(split + 10.0, floor_y), left(8, 0), WALL);
            rect(
                p,
                pos2(r.left(), floor_y),
                pos2(split + 10.0, r.bottom()),
                left(0, 8),
                FLOOR,
            );
            let note = Rect::from_center_size(
                pos2(r.left() + r.width() * 0.09, r.top() + r.height() * 0.34),
                vec2(r.width() * 0.11, r.height() * 0.42),
            );
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
        E::PhoneLost => stop_scene(p, r, taker.unwrap_or(Uniform::StreetTeam), true, None),
    }
}

/// The market stall with nothing on it: the roof, the bare boards, empty crates, and her.
fn empty_stall(p: &Painter, r: Rect) {
    p.rect_filled(r, 8.0, Color32::from_rgb(206, 214, 214));
    let ground = r.top() + r.height() * 0.82;
    ground_band(p, r, ground, 8, CONCRETE);
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
        p.rect_stroke(
            c,
            2.0,
            Stroke::new(2.0, Color32::from_rgb(140, 110, 80)),
            egui::StrokeKind::Inside,
        );
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
    // Its slogan, as a player far away sees it: lines of light characters, no words.
    for i in 0..12 {
        let x = banner.left() + banner.width() * (0.08 + 0.84 * (i as f32 + 0.5) / 12.0);
        p.rect_filled(
            Rect::from_center_size(
                pos2(x, banner.center().y),
                vec2(banner.height() * 0.45, banner.height() * 0.45),
            ),
            1.0,
            Color32::from_rgb(240, 214, 170),
        );
    }
    // Her, standing at the front, eyes down.
    let size = r.height() * 0.56;
    portrait(
        p,
        Rect::from_center_size(
            pos2(r.center().x, r.top() + r.height() * 0.22 + size / 2.0),
            vec2(size, size),
        ),
        TRADER,
        Mood::Hungry,
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

pub const CONCRETE: Color32 = Color32::from_rgb(170, 164, 152);
pub const BAY: Color32 = Color32::from_rgb(132, 162, 180);
pub const ROOF: Color32 = Color32::from_rgb(150, 84, 62);

/// The bay: the sea below a coastline running across the map (fractions of its height at
/// each tenth of its width), drawn as vertical strips so that a bent coast fills right.
pub fn bay(p: &Painter, r: Rect, coast: &[f32]) {
    // One mesh (no seams between its pieces), its coastline smoothed by a line on top.
    let n = coast.len().saturating_sub(1).max(1) as f32;
    let mut mesh = egui::Mesh::default();
    let mut line = Vec::new();
    for (i, &f) in coast.iter().enumerate() {
        let x = r.left() + r.width() * i as f32 / n;
        let top = pos2(x, r.top() + r.height() * f);
        line.push(top);
        mesh.colored_vertex(top, BAY);
        mesh.colored_vertex(pos2(x, r.bottom()), BAY);
        if i > 0 {
            let k = 2 * i as u32;
            mesh.add_triangle(k - 2, k - 1, k);
            mesh.add_triangle(k - 1, k + 1, k);
        }
    }
    p.add(Shape::mesh(mesh));
    p.add(Shape::line(line, Stroke::new(1.5, BAY)));
    // A few strokes of water.
    for (fx, fy) in [(0.15, 0.96), (0.45, 0.95), (0.75, 0.94), (0.9, 0.9)] {
        let c = pos2(r.left() + r.width() * fx, r.top() + r.height() * fy);
        p.line_segment(
            [c - vec2(12.0, 0.0), c + vec2(12.0, 0.0)],
            Stroke::new(1.5, Color32::from_rgb(164, 190, 204)),
        );
    }
}

/// A small drawing of a place, above its dot at `c` (the name goes below): blocks for home
/// and the main street, the market's rust roofs, stalls in the alley, the station's long
/// roof, the port's crane, the wholesaler's shed, the repair kiosk, the cadre's house.
pub fn place_sketch(p: &Painter, c: Pos2, kind: crate::rules::PlaceKind) {
    use crate::rules::PlaceKind as K;
    let base = c.y - 14.0;
    let windows = |p: &Painter, b: Rect, cols: usize, rows: usize| {
        for i in 0..cols {
            for j in 0..rows {
                let w = Rect::from_min_size(
                    pos2(
                        b.left() + 3.0 + i as f32 * (b.width() - 6.0) / cols as f32,
                        b.top() + 3.0 + j as f32 * (b.height() - 6.0) / rows as f32,
                    ),
                    vec2(3.0, 3.0),
                );
                p.rect_filled(w, 0.0, Color32::from_rgb(228, 222, 206));
            }
        }
    };
    let block = |p: &Painter, x: f32, w: f32, h: f32| {
        let b = Rect::from_min_max(pos2(x, base - h), pos2(x + w, base));
        p.rect_filled(b, 1.0, CONCRETE);
        windows(p, b, (w / 7.0) as usize, (h / 7.0) as usize);
    };
    let roof = |p: &Painter, x: f32, w: f32, y: f32, color: Color32| {
        fill(
            p,
            vec![pos2(x, y), pos2(x + w / 2.0, y - w * 0.35), pos2(x + w, y)],
            color,
        );
    };
    match kind {
        K::Home => block(p, c.x - 14.0, 28.0, 30.0),
        K::Street => {
            block(p, c.x - 30.0, 22.0, 34.0);
            block(p, c.x + 8.0, 22.0, 26.0);
        }
        K::Market => {
            for i in 0..3 {
                let x = c.x - 30.0 + i as f32 * 20.0;
                rect(
                    p,
                    pos2(x + 2.0, base - 10.0),
                    pos2(x + 18.0, base),
                    0.0,
                    Color32::from_rgb(196, 180, 150),
                );
                roof(p, x, 20.0, base - 10.0, ROOF);
            }
        }
        K::Alley => {
            for (i, col) in [Color32::from_rgb(90, 110, 130), ROOF]
                .into_iter()
                .enumerate()
            {
                let x = c.x - 20.0 + i as f32 * 22.0;
                rect(
                    p,
                    pos2(x, base - 12.0),
                    pos2(x + 18.0, base - 8.0),
                    1.0,
                    col,
                );
                p.line_segment(
                    [pos2(x + 1.0, base - 8.0), pos2(x + 1.0, base)],
                    Stroke::new(1.0, WOOD),
                );
                p.line_segment(
                    [pos2(x + 17.0, base - 8.0), pos2(x + 17.0, base)],
                    Stroke::new(1.0, WOOD),
                );
            }
        }
        K::Station => {
            let b = Rect::from_min_max(pos2(c.x - 32.0, base - 14.0), pos2(c.x + 32.0, base));
            p.rect_filled(b, 1.0, CONCRETE);
            rect(
                p,
                pos2(b.left() - 3.0, b.top() - 4.0),
                pos2(b.right() + 3.0, b.top()),
                0.0,
                Color32::from_rgb(110, 104, 96),
            );
            windows(p, b, 8, 1);
        }
        K::Port => {
            // A crane over the quay.
            let s = Stroke::new(2.0, Color32::from_rgb(96, 92, 86));
            p.line_segment([pos2(c.x + 10.0, base), pos2(c.x + 10.0, base - 30.0)], s);
            p.line_segment(
                [pos2(c.x - 18.0, base - 28.0), pos2(c.x + 18.0, base - 30.0)],
                s,
            );
            p.line_segment(
                [pos2(c.x - 14.0, base - 28.0), pos2(c.x - 14.0, base - 16.0)],
                Stroke::new(1.0, Color32::from_rgb(96, 92, 86)),
            );
            rect(
                p,
                pos2(c.x - 26.0, base - 6.0),
                pos2(c.x + 2.0, base),
                1.0,
                Color32::from_rgb(120, 70, 60),
            );
        }
        K::Wholesale => {
            let b = Rect::from_min_max(pos2(c.x - 22.0, base - 14.0), pos2(c.x + 22.0, base));
            p.rect_filled(b, 1.0, Color32::from_rgb(150, 140, 120));
            dome(
                p,
                pos2(c.x, b.top()),
                vec2(22.0, 8.0),
                Color32::from_rgb(120, 112, 100),
            );
            rect(
                p,
                pos2(c.x - 6.0, base - 9.0),
                pos2(c.x + 6.0, base),
                0.0,
                Color32::from_rgb(90, 80, 70),
            );
        }
        K::RepairStall => {
            let b = Rect::from_min_max(pos2(c.x - 9.0, base - 14.0), pos2(c.x + 9.0, base));
            p.rect_filled(b, 1.0, Color32::from_rgb(196, 186, 164));
            rect(
                p,
                pos2(b.left() - 4.0, b.top() - 3.0),
                pos2(b.right() + 4.0, b.top() + 3.0),
                1.0,
                Color32::from_rgb(70, 100, 130),
            );
        }
        K::CadreHouse => {
            let b = Rect::from_min_max(pos2(c.x - 16.0, base - 14.0), pos2(c.x + 16.0, base));
            p.rect_filled(b, 0.0, Color32::from_rgb(226, 220, 204));
            roof(p, c.x - 20.0, 40.0, b.top(), ROOF);
            // The wall round it, and a tree.
            p.line_segment(
                [pos2(c.x - 26.0, base), pos2(c.x + 26.0, base)],
                Stroke::new(3.0, Color32::from_rgb(190, 182, 166)),
            );
            p.circle_filled(
                pos2(c.x + 24.0, base - 14.0),
                7.0,
                Color32::from_rgb(104, 128, 88),
            );
        }
    }
}

/// A gallery thumbnail, drawn so that what makes a file dangerous can be seen: a home video
/// with the leaders' portraits on the wall behind the family, a foreign drama on a screen,
/// a photo of a price list for the business, or an ordinary photo of people outdoors. A
/// video has a play mark.
pub fn thumbnail(p: &Painter, r: Rect, video: bool, flags: u8, business: bool) {
    use crate::rules::Flag;
    let has = |f: Flag| flags & f.bit() != 0;
    let figure = |p: &Painter, c: Pos2, h: f32, body: Color32| {
        rect(
            p,
            pos2(c.x - h * 0.28, c.y - h * 0.45),
            pos2(c.x + h * 0.28, c.y),
            egui::CornerRadius::same((h * 0.15) as u8),
            body,
        );
        p.circle_filled(pos2(c.x, c.y - h * 0.62), h * 0.18, SKIN);
        p.circle_filled(pos2(c.x, c.y - h * 0.7), h * 0.15, HAIR);
    };
    if has(Flag::Portrait) {
        // A room at home: the two framed portraits high on the wall, the family below.
        p.rect_filled(r, 2.0, WALL);
        for dx in [-0.14, 0.14] {
            let f = Rect::from_center_size(
                pos2(r.center().x + dx * r.width(), r.top() + r.height() * 0.26),
                vec2(r.width() * 0.2, r.height() * 0.34),
            );
            p.rect_filled(f, 0.0, Color32::from_rgb(150, 120, 60));
            p.rect_filled(f.shrink(1.5), 0.0, Color32::from_rgb(214, 204, 184));
            p.circle_filled(
                f.center() - vec2(0.0, f.height() * 0.1),
                f.width() * 0.22,
                SKIN_SHADE,
            );
            rect(
                p,
                pos2(
                    f.center().x - f.width() * 0.3,
                    f.center().y + f.height() * 0.1,
                ),
                pos2(f.center().x + f.width() * 0.3, f.bottom() - 1.5),
                0.0,
                Color32::from_rgb(60, 60, 64),
            );
        }
        rect(
            p,
            pos2(r.left(), r.top() + r.height() * 0.8),
            r.max,
            0.0,
            FLOOR,
        );
        let h = r.height() * 0.5;
        for (fx, body) in [
            (0.25, clothes(Face::Woman)),
            (0.45, clothes(Face::Boy)),
            (0.7, clothes(Face::Man)),
        ] {
            figure(
                p,
                pos2(r.left() + r.width() * fx, r.bottom() - 1.0),
                h,
                body,
            );
        }
    } else if video && has(Flag::ForeignMedia) {
        // A dance video from the South: three dancers in a row under coloured lights, arms up.
        p.rect_filled(r, 2.0, Color32::from_rgb(34, 30, 58));
        for (fx, glow) in [
            (0.2, Color32::from_rgb(230, 120, 170)),
            (0.5, Color32::from_rgb(120, 170, 240)),
            (0.8, Color32::from_rgb(240, 200, 110)),
        ] {
            let top = pos2(r.left() + r.width() * fx, r.top());
            fill(
                p,
                vec![
                    top,
                    pos2(top.x - r.width() * 0.12, r.bottom() - r.height() * 0.1),
                    pos2(top.x + r.width() * 0.12, r.bottom() - r.height() * 0.1),
                ],
                glow.gamma_multiply(0.25),
            );
        }
        rect(
            p,
            pos2(r.left(), r.bottom() - r.height() * 0.1),
            r.max,
            0.0,
            Color32::from_rgb(70, 60, 90),
        );
        let h = r.height() * 0.55;
        for (fx, body) in [
            (0.3, Color32::from_rgb(230, 120, 170)),
            (0.5, Color32::from_rgb(250, 250, 250)),
            (0.7, Color32::from_rgb(120, 170, 240)),
        ] {
            let c = pos2(r.left() + r.width() * fx, r.bottom() - r.height() * 0.1);
            figure(p, c, h, body);
            // Arms up, in a V.
            let shoulder = pos2(c.x, c.y - h * 0.4);
            for dx in [-1.0, 1.0] {
                p.line_segment(
                    [shoulder, pos2(c.x + dx * h * 0.3, c.y - h * 0.85)],
                    Stroke::new((h * 0.08).max(1.0), SKIN),
                );
            }
        }
    } else if has(Flag::ForeignMedia) || has(Flag::Foreign) {
        // A drama or a film: bright colours, people close together, subtitles.
        p.rect_filled(r, 2.0, Color32::from_rgb(40, 46, 70));
        let glow = if has(Flag::ForeignMedia) {
            Color32::from_rgb(230, 150, 170)
        } else {
            Color32::from_rgb(220, 180, 90)
        };
        p.circle_filled(
            pos2(r.left() + r.width() * 0.8, r.top() + r.height() * 0.25),
            r.height() * 0.16,
            glow,
        );
        let h = r.height() * 0.62;
        figure(
            p,
            pos2(r.left() + r.width() * 0.38, r.bottom() - r.height() * 0.12),
            h,
            Color32::from_rgb(200, 200, 210),
        );
        figure(
            p,
            pos2(r.left() + r.width() * 0.58, r.bottom() - r.height() * 0.12),
            h,
            glow,
        );
        p.line_segment(
            [
                pos2(r.left() + r.width() * 0.2, r.bottom() - 3.0),
                pos2(r.right() - r.width() * 0.2, r.bottom() - 3.0),
            ],
            Stroke::new(2.0, Color32::from_rgb(240, 240, 200)),
        );
    } else if business {
        // A sheet of figures: the stock list, the price board.
        p.rect_filled(r, 2.0, Color32::from_rgb(120, 110, 96));
        let sheet = r.shrink2(vec2(r.width() * 0.2, 3.0));
        p.rect_filled(sheet, 1.0, Color32::from_rgb(240, 236, 222));
        for i in 0..5 {
            let y = sheet.top() + 5.0 + i as f32 * (sheet.height() - 8.0) / 4.0;
            p.line_segment(
                [pos2(sheet.left() + 4.0, y), pos2(sheet.center().x + 2.0, y)],
                Stroke::new(1.0, Color32::from_rgb(90, 90, 96)),
            );
            p.line_segment(
                [pos2(sheet.right() - 10.0, y), pos2(sheet.right() - 4.0, y)],
                Stroke::new(1.0, Color32::from_rgb(150, 40, 40)),
            );
        }
    } else {
        // An ordinary photo outdoors: sky, a hill, two people.
        p.rect_filled(r, 2.0, Color32::from_rgb(170, 196, 214));
        dome(
            p,
            pos2(r.center().x, r.bottom()),
            vec2(r.width() * 0.7, r.height() * 0.45),
            Color32::from_rgb(120, 146, 100),
        );
        let h = r.height() * 0.55;
        figure(
            p,
            pos2(r.left() + r.width() * 0.42, r.bottom() - 1.0),
            h,
            clothes(Face::Girl),
        );
        figure(
            p,
            pos2(r.left() + r.width() * 0.6, r.bottom() - 1.0),
            h * 0.85,
            clothes(Face::Boy),
        );
    }
    if video {
        let c = r.center();
        p.circle_filled(c, r.height() * 0.2, Color32::from_black_alpha(110));
        let k = r.height() * 0.1;
        fill(
            p,
            vec![
                c + vec2(-k * 0.7, -k),
                c + vec2(k * 1.1, 0.0),
                c + vec2(-k * 0.7, k),
            ],
            Color32::WHITE,
        );
    }
}

/// Where she stands, as a small picture beside a place's name: the sky (or the bay at the
/// port), the ground, and the place's drawing with her portrait beside it.
/// Paints what `draw` paints, scaled by `k` about `origin`: the map's small sketches shown
/// large, from the same drawing (egui transforms the shapes; strokes scale with them).
pub fn scaled(p: &Painter, origin: Pos2, k: f32, draw: impl FnOnce(&Painter)) {
    let t = egui::emath::TSTransform::new(origin.to_vec2() * (1.0 - k), k);
    let (ctx, layer) = (p.ctx().clone(), p.layer_id());
    let start = ctx.graphics_mut(|g| g.entry(layer).next_idx());
    // The clip rectangle is transformed with the shapes: give them its inverse.
    let mut inner = p.clone();
    inner.set_clip_rect(t.inverse().mul_rect(p.clip_rect()));
    draw(&inner);
    ctx.graphics_mut(|g| {
        let list = g.entry(layer);
        let end = list.next_idx();
        list.transform_range(start, end, t);
    });
}

/// Where she stands, as a scene across the screen: the sky, the town or the sea behind, the
/// place (its map sketch, large) and the trader in front of it.
pub fn place_scene(p: &Painter, r: Rect, kind: crate::rules::PlaceKind) {
    let p = &p.with_clip_rect(r);
    place_backdrop(p, r, kind, 0.38);
    let size = r.height() * 0.86;
    portrait(
        p,
        Rect::from_center_size(
            pos2(r.left() + r.width() * 0.78, r.bottom() - size / 2.0),
            vec2(size, size),
        ),
        TRADER,
        Mood::Well,
    );
}

/// A place as the back of a scene: the sky, the town's blocks or the bay behind, the ground,
/// and the place's own drawing, large, at `x` (a fraction of the width).
fn place_backdrop(p: &Painter, r: Rect, kind: crate::rules::PlaceKind, x: f32) {
    use crate::rules::PlaceKind as K;
    p.rect_filled(r, 8.0, Color32::from_rgb(214, 220, 218));
    let ground = r.top() + r.height() * 0.8;
    // Behind: the bay for the port and the wholesaler's yard by it, pale blocks elsewhere.
    if matches!(kind, K::Port | K::Wholesale) {
        let far = r.top() + r.height() * 0.55;
        p.rect_filled(
            Rect::from_min_max(pos2(r.left(), far), pos2(r.right(), ground)),
            0.0,
            BAY,
        );
        for i in 0..6 {
            let x = r.left() + r.width() * (0.1 + 0.15 * i as f32);
            let y = far + 8.0 + (i % 3) as f32 * 9.0;
            p.line_segment(
                [pos2(x, y), pos2(x + 18.0, y)],
                Stroke::new(1.5, Color32::from_rgb(168, 192, 204)),
            );
        }
    } else {
        // Haeju's apartment blocks, far off: pale, flat-roofed, rows of small windows.
        let (pale, pane) = (
            Color32::from_rgb(200, 204, 202),
            Color32::from_rgb(188, 192, 192),
        );
        let mut x = r.left() + 6.0;
        let mut i = 0;
        while x < r.right() {
            let w = 46.0 + (i * 17 % 23) as f32;
            let h = r.height() * (0.3 + (i * 7 % 4) as f32 * 0.05);
            let b = Rect::from_min_max(pos2(x, ground - h), pos2(x + w, ground));
            p.rect_filled(b, 0.0, pale);
            let mut y = b.top() + 6.0;
            while y < ground - 8.0 {
                let mut wx = b.left() + 5.0;
                while wx < b.right() - 6.0 {
                    p.rect_filled(Rect::from_min_size(pos2(wx, y), vec2(4.0, 3.0)), 0.0, pane);
                    wx += 9.0;
                }
                y += 9.0;
            }
            x += w + 14.0 + (i * 13 % 11) as f32;
            i += 1;
        }
    }
    let floor = if kind == K::Port {
        Color32::from_rgb(120, 116, 110)
    } else {
        CONCRETE
    };
    ground_band(p, r, ground, 8, floor);
    // The place, drawn by its map sketch (about 60 points tall) at the scene's scale.
    let k = (r.height() * 0.62 / 40.0).max(1.0);
    let at = pos2(r.left() + r.width() * x, ground);
    scaled(p, at, k, |q| place_sketch(q, pos2(at.x, at.y + 14.0), kind));
}

pub fn place_vignette(p: &Painter, r: Rect, kind: crate::rules::PlaceKind) {
    use crate::rules::PlaceKind as K;
    let sky = Color32::from_rgb(206, 214, 214);
    p.rect_filled(r, 6.0, sky);
    let ground = r.top() + r.height() * 0.8;
    let floor = if kind == K::Port { BAY } else { CONCRETE };
    ground_band(p, r, ground, 6, floor);
    // The place's drawing stands on the ground line (it is drawn above a dot at `c`).
    place_sketch(p, pos2(r.left() + r.width() * 0.4, ground + 14.0), kind);
    let size = r.height() * 0.9;
    portrait(
        p,
        Rect::from_center_size(
            pos2(r.right() - size * 0.6, r.bottom() - size / 2.0),
            vec2(size, size),
        ),
        TRADER,
        Mood::Well,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Flag;

    /// The fill colours of what `draw` paints (egui's shapes, as the renderer gets them).
    fn fills(draw: impl Fn(&Painter, Rect)) -> Vec<Color32> {
        let ctx = egui::Context::default();
        super::super::setup(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.ctx().layer_painter(egui::LayerId::background());
            draw(
                &painter,
                Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 190.0)),
            );
        });
        // (egui insists that a frame's new textures are taken by a renderer.)
        out.textures_delta.clear();
        fn walk(s: &Shape, out: &mut Vec<Color32>) {
            match s {
                Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
                Shape::Rect(r) => out.push(r.fill),
                Shape::Circle(c) => out.push(c.fill),
                Shape::Ellipse(e) => out.push(e.fill),
                Shape::Path(p) => out.push(p.fill),
                Shape::Mesh(m) => out.extend(m.vertices.iter().map(|v| v.color)),
                _ => {}
            }
        }
        let mut colors = Vec::new();
        for clipped in &out.shapes {
            walk(&clipped.shape, &mut colors);
        }
        colors
    }

    /// The evening's bowls show the meal: rice in every bowl when the family ate, none
    /// when they went without; a sick child has the cloth on the forehead.
    #[test]
    fn the_bowls_show_what_the_family_ate() {
        let rice = Color32::from_rgb(246, 244, 236);
        let family = [
            (TRADER, Mood::Well),
            (Face::Man, Mood::Well),
            (Face::Boy, Mood::Sick),
        ];
        let fed = fills(|p, r| {
            family_table(p, r, &family, Meal::Fed, Grain::Rice, None);
        });
        let without = fills(|p, r| {
            family_table(p, r, &family, Meal::WentWithout, Grain::Rice, None);
        });
        assert_eq!(
            fed.iter().filter(|&&c| c == rice).count(),
            3,
            "a bowl of rice each"
        );
        assert!(
            !without.contains(&rice),
            "empty bowls when they went without"
        );
        let cloth = Color32::from_rgb(244, 244, 240);
        assert!(fed.contains(&cloth), "the sick child's cloth");
    }

    /// The birthday video's thumbnail shows the framed portraits; an ordinary photo does not.
    #[test]
    fn the_portrait_on_the_wall_is_seen() {
        let frame = Color32::from_rgb(150, 120, 60);
        let video = fills(|p, r| thumbnail(p, r, true, Flag::Portrait.bit(), false));
        let photo = fills(|p, r| thumbnail(p, r, false, 0, false));
        assert_eq!(video.iter().filter(|&&c| c == frame).count(), 2);
        assert!(!photo.contains(&frame));
    }

    /// Every family member of every shipped level has a portrait, not a placeholder.
    #[test]
    fn every_family_member_has_a_face() {
        for name in ["01", "02", "03"] {
            let w = crate::content::load_level(name).expect("level");
            for m in &w.lv().family.members {
                assert_ne!(m.face, Face::Unknown, "{name}: {} has no face", m.name.en);
            }
        }
    }

    /// Who stops her can be told apart: the street team's cap band and armband, the youth
    /// patrol's armband without a cap, the State Security officer in a dark jacket with
    /// neither uniform nor armband.
    #[test]
    fn each_kind_of_inspector_is_dressed_apart() {
        let dressed = |u: Uniform| fills(|p, r| stop_scene(p, r, u, false, None));
        let (team, youth, security) = (
            dressed(Uniform::StreetTeam),
            dressed(Uniform::Youth),
            dressed(Uniform::Security),
        );
        let band = STATE_RED.gamma_multiply(0.85);
        assert!(team.contains(&UNIFORM) && team.contains(&STATE_RED) && team.contains(&band));
        assert!(youth.contains(&UNIFORM) && youth.contains(&STATE_RED) && !youth.contains(&band));
        assert!(!security.contains(&UNIFORM) && security.contains(&SECURITY_JACKET));
    }

    /// Each of the eight endings has a picture of its own: no two draw the same shapes.
    #[test]
    fn every_ending_has_its_own_picture() {
        use crate::rules::Ending as E;
        let all = [
            E::Thriving,
            E::FamilyFed,
            E::FamilyHungry,
            E::BusinessRuined,
            E::PhoneLost,
            E::StruggleSession,
            E::Arrested,
            E::InDebt,
        ];
        let members = [Face::Man, Face::Girl, Face::Boy];
        let pictures: Vec<Vec<Color32>> = all
            .iter()
            .map(|&e| fills(|p, r| ending_scene(p, r, e, &members, Grain::Corn, None)))
            .collect();
        for i in 0..all.len() {
            assert!(pictures[i].len() > 10, "{:?} is drawn", all[i]);
            for j in 0..i {
                assert_ne!(pictures[i], pictures[j], "{:?} and {:?}", all[i], all[j]);
            }
        }
    }

    /// A stop shows where it happens: the bay behind a stop at the port, the town's blocks
    /// behind one in the street, and each place's own drawing.
    #[test]
    fn a_stop_shows_where_it_happens() {
        use crate::rules::PlaceKind as K;
        let at = |k: K| fills(|p, r| stop_scene(p, r, Uniform::StreetTeam, false, Some(k)));
        let (port, street, market) = (at(K::Port), at(K::Street), at(K::Market));
        assert!(port.contains(&BAY) && !street.contains(&BAY));
        assert!(market.contains(&ROOF), "the market's roofs");
        assert_ne!(street, market);
    }
}
