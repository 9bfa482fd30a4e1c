"""Demo forums: the 2012 capacity-building forum, rebuilt in en/es/fr from
the facts of its public page (titles, dates, schedule remarks, outcomes;
questions and texts in our own words), and a live forum whose current group
is open right after ``make start``."""

from collab.portal.comments.conversation import conversation_holder
from collab.portal.distributions.languages import create_translated
from collab.portal.distributions.languages import link_translations
from collab.portal.subscribers.window import recording_history
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.textfield.value import RichTextValue
from zope.component import createObject


def utc(*args):
    return datetime(*args, tzinfo=UTC)


FORUM_2012 = {
    "id": "capacity-building-2012",
    "opens": utc(2012, 2, 20, 1),
    "closes": utc(2012, 5, 4, 23),
    "en": {
        "title": "Online forum on strategic approaches to capacity-building (2012)",
        "description": "Six discussion groups on the review of the "
        "capacity-building Action Plan of the Cartagena Protocol on Biosafety.",
        "purpose": "<p>The forum gathered views on strategic approaches to "
        "capacity-building for biosafety and on better planning, needs "
        "assessment, implementation, coordination and monitoring of "
        "capacity-building initiatives. Its results fed the comprehensive "
        "review of the Action Plan by the sixth meeting of the Parties "
        "(COP-MOP 6).</p>",
        "outcomes": "<ol><li>A revised Action Plan, or a capacity-building "
        "Action Plan together with a strategic framework.</li><li>A revised "
        "needs assessment framework.</li><li>A monitoring and evaluation "
        "framework with methodology, targets, baselines and indicators."
        "</li><li>A revamped coordination mechanism.</li><li>Draft guidance "
        "on strategic approaches at national and regional level.</li></ol>",
        "note": "Participation was limited to registered users.",
    },
    "es": {
        "title": "Foro en línea sobre enfoques estratégicos para la creación de "
        "capacidad (2012)",
        "description": "Seis grupos de debate sobre la revisión del Plan de "
        "Acción de creación de capacidad del Protocolo de Cartagena.",
        "purpose": "<p>El foro reunió opiniones sobre enfoques estratégicos "
        "para la creación de capacidad en seguridad de la biotecnología y "
        "sobre su planificación, evaluación de necesidades, ejecución, "
        "coordinación y seguimiento. Sus resultados alimentaron el examen del "
        "Plan de Acción en la COP-MOP 6.</p>",
        "outcomes": "<ol><li>Un Plan de Acción revisado o un plan junto con un "
        "marco estratégico.</li><li>Un marco revisado de evaluación de "
        "necesidades.</li><li>Un marco de seguimiento y evaluación con "
        "metodología, metas, bases de referencia e indicadores.</li><li>Un "
        "mecanismo de coordinación renovado.</li><li>Un proyecto de "
        "orientación sobre enfoques estratégicos nacionales y regionales."
        "</li></ol>",
        "note": "La participación estaba limitada a usuarios registrados.",
    },
    "fr": {
        "title": "Forum en ligne sur les approches stratégiques du renforcement "
        "des capacités (2012)",
        "description": "Six groupes de discussion sur l'examen du Plan "
        "d'action pour le renforcement des capacités du Protocole de "
        "Cartagena.",
        "purpose": "<p>Le forum a recueilli des avis sur les approches "
        "stratégiques du renforcement des capacités en prévention des risques "
        "biotechnologiques et sur leur planification, l'évaluation des "
        "besoins, la mise en œuvre, la coordination et le suivi. Ses résultats "
        "ont nourri l'examen du Plan d'action par la COP-MOP 6.</p>",
        "outcomes": "<ol><li>Un Plan d'action révisé, ou un plan accompagné "
        "d'un cadre stratégique.</li><li>Un cadre révisé d'évaluation des "
        "besoins.</li><li>Un cadre de suivi et d'évaluation avec méthode, "
        "cibles, références et indicateurs.</li><li>Un mécanisme de "
        "coordination remanié.</li><li>Un projet d'orientations sur les "
        "approches stratégiques nationales et régionales.</li></ol>",
        "note": "La participation était réservée aux utilisateurs inscrits.",
    },
    "groups": [
        {
            "id": "independent-evaluation",
            "opens": utc(2012, 2, 20, 1),
            "closes": utc(2012, 3, 2, 23),
            "en": (
                "Findings and recommendations of the independent evaluation "
                "of the Action Plan",
                "",
                [
                    "Which findings of the evaluation matter most for your country?",
                    "Which recommendations should be acted on first, and by whom?",
                ],
            ),
            "es": (
                "Conclusiones y recomendaciones de la evaluación "
                "independiente del Plan de Acción",
                "",
                [
                    "¿Qué conclusiones de la evaluación importan más para su país?",
                    "¿Qué recomendaciones deberían aplicarse primero y por quién?",
                ],
            ),
            "fr": (
                "Conclusions et recommandations de l'évaluation "
                "indépendante du Plan d'action",
                "",
                [
                    "Quelles conclusions de l'évaluation comptent le plus pour "
                    "votre pays ?",
                    "Quelles recommandations appliquer en premier, et par qui ?",
                ],
            ),
        },
        {
            "id": "needs-assessment",
            "opens": utc(2012, 3, 26, 1),
            "closes": utc(2012, 3, 30, 23),
            "en": (
                "Framework for assessing biosafety capacity-building needs "
                "at national and regional levels",
                "No discussion groups between 5 and 23 March because of the "
                "coordination and Liaison Group meetings.",
                [
                    "How are needs assessed in your country today?",
                    "What should a common framework ask?",
                ],
            ),
            "es": (
                "Marco para evaluar las necesidades de creación de capacidad "
                "a nivel nacional y regional",
                "No hay grupos de debate entre el 5 y el 23 de marzo por las "
                "reuniones de coordinación y del Grupo de Enlace.",
                [
                    "¿Cómo se evalúan hoy las necesidades en su país?",
                    "¿Qué debería preguntar un marco común?",
                ],
            ),
            "fr": (
                "Cadre d'évaluation des besoins en renforcement des capacités "
                "aux niveaux national et régional",
                "Pas de groupe de discussion du 5 au 23 mars en raison des "
                "réunions de coordination et du Groupe de liaison.",
                [
                    "Comment les besoins sont-ils évalués aujourd'hui dans "
                    "votre pays ?",
                    "Que devrait demander un cadre commun ?",
                ],
            ),
        },
        {
            "id": "monitoring-evaluation",
            "opens": utc(2012, 4, 2, 1),
            "closes": utc(2012, 4, 13, 23),
            "en": (
                "Framework for monitoring and evaluation of capacity-building",
                "Runs over two weeks because of the Easter holidays.",
                [
                    "Which indicators can Parties report on without new surveys?",
                    "Who should collect the data, and how often?",
                ],
            ),
            "es": (
                "Marco de seguimiento y evaluación de la creación de capacidad",
                "Dura dos semanas por las vacaciones de Semana Santa.",
                [
                    "¿Sobre qué indicadores pueden informar las Partes sin "
                    "nuevas encuestas?",
                    "¿Quién debería reunir los datos y con qué frecuencia?",
                ],
            ),
            "fr": (
                "Cadre de suivi et d'évaluation du renforcement des capacités",
                "Dure deux semaines en raison des congés de Pâques.",
                [
                    "Sur quels indicateurs les Parties peuvent-elles rendre "
                    "compte sans nouvelles enquêtes ?",
                    "Qui devrait recueillir les données, et à quelle fréquence ?",
                ],
            ),
        },
        {
            "id": "coordination-mechanism",
            "opens": utc(2012, 4, 16, 1),
            "closes": utc(2012, 4, 20, 23),
            "en": (
                "Coordination mechanism for capacity-building efforts",
                "",
                [
                    "What should the coordination mechanism keep, and what "
                    "should it drop?"
                ],
            ),
            "es": (
                "Mecanismo de coordinación de las actividades de creación de capacidad",
                "",
                [
                    "¿Qué debería conservar el mecanismo de coordinación y qué "
                    "debería abandonar?"
                ],
            ),
            "fr": (
                "Mécanisme de coordination des efforts de renforcement des capacités",
                "",
                [
                    "Que devrait garder le mécanisme de coordination, et que "
                    "devrait-il abandonner ?"
                ],
            ),
        },
        {
            "id": "strategic-approaches",
            "opens": utc(2012, 4, 23, 1),
            "closes": utc(2012, 4, 27, 23),
            "en": (
                "Strategic approaches to capacity-building for effective "
                "implementation",
                "",
                ["Which approaches have lasted after the project ended?"],
            ),
            "es": (
                "Enfoques estratégicos de creación de capacidad para una "
                "aplicación eficaz",
                "",
                ["¿Qué enfoques han perdurado tras el fin del proyecto?"],
            ),
            "fr": (
                "Approches stratégiques du renforcement des capacités pour "
                "une mise en œuvre effective",
                "",
                ["Quelles approches ont duré après la fin du projet ?"],
            ),
        },
        {
            "id": "conclusions",
            "opens": utc(2012, 4, 30, 1),
            "closes": utc(2012, 5, 4, 23),
            "en": (
                "General conclusions and recommendations",
                "",
                ["What should the meeting of the Parties decide?"],
            ),
            "es": (
                "Conclusiones y recomendaciones generales",
                "",
                ["¿Qué debería decidir la reunión de las Partes?"],
            ),
            "fr": (
                "Conclusions et recommandations générales",
                "",
                ["Que devrait décider la réunion des Parties ?"],
            ),
        },
    ],
    "comments": [
        (
            "independent-evaluation",
            "en",
            "Focal point, Mexico",
            "The evaluation is right that training alone did not last; we need "
            "institutions that keep the skills.",
            2,
        ),
        (
            "independent-evaluation",
            "es",
            "Punto focal, Colombia",
            "Coincidimos: la rotación del personal anula buena parte de la "
            "formación recibida.",
            1,
        ),
        (
            "monitoring-evaluation",
            "fr",
            "Correspondant national, Sénégal",
            "Les indicateurs doivent pouvoir être renseignés à partir des "
            "rapports nationaux existants.",
            1,
        ),
    ],
}

LIVE_FORUM = {
    "id": "intersessional-consultation",
    "en": (
        "Intersessional consultation (demo)",
        "A live demonstration forum: its first group is open now.",
        [
            ("Priorities for the next work programme", "What should come first?"),
            ("Draft recommendations", "Which recommendation needs rewording?"),
        ],
    ),
    "es": (
        "Consulta entre períodos de sesiones (demostración)",
        "Un foro de demostración activo: su primer grupo está abierto.",
        [
            ("Prioridades del próximo programa de trabajo", "¿Qué debería ir primero?"),
            (
                "Proyecto de recomendaciones",
                "¿Qué recomendación necesita otra redacción?",
            ),
        ],
    ),
    "fr": (
        "Consultation intersessions (démonstration)",
        "Un forum de démonstration actif : son premier groupe est ouvert.",
        [
            (
                "Priorités du prochain programme de travail",
                "Que faut-il traiter en premier ?",
            ),
            ("Projet de recommandations", "Quelle recommandation faut-il reformuler ?"),
        ],
    ),
}


def first(versions):
    return next(iter(versions.values()))


def _transition_to(obj, steps):
    for step in steps:
        api.content.transition(obj, transition=step)


def _create(container, portal_type, **fields):
    return create_translated(container, portal_type, container.Language(), **fields)


def create_forum_2012(portal, languages):
    forums, groups = {}, {}
    for code in languages:
        text = FORUM_2012[code]
        forum = _create(
            portal[code],
            "Forum",
            id=FORUM_2012["id"],
            title=text["title"],
            description=text["description"],
            purpose=RichTextValue(text["purpose"]),
            expected_outcomes=RichTextValue(text["outcomes"]),
            participation_note=text["note"],
            opens=FORUM_2012["opens"],
            closes=FORUM_2012["closes"],
        )
        forums[code] = forum
        for spec in FORUM_2012["groups"]:
            title, remarks, questions = spec[code]
            group = _create(
                forum,
                "DiscussionGroup",
                id=spec["id"],
                title=title,
                guiding_questions=questions,
                schedule_remarks=remarks,
                opens=spec["opens"],
                closes=spec["closes"],
            )
            groups.setdefault(spec["id"], {})[code] = group
    link_translations(forums)
    for versions in groups.values():
        link_translations(versions)
        # One version moves them all (subscribers.translations).
        _transition_to(first(versions), ["schedule", "open", "close"])
    with recording_history():
        for gid, code, author, text, question in FORUM_2012["comments"]:
            if gid in groups and code in groups[gid]:
                _add_comment(groups[gid][code], author, text, question, code)
    for forum in forums.values():
        _transition_to(forum, ["publish", "archive"])
    return forums


def create_live_forum(portal, languages, now=None):
    now = now or datetime.now(UTC).replace(second=0, microsecond=0)
    forums, groups = {}, {}
    windows = [
        (now - timedelta(hours=1), now + timedelta(days=14)),
        (now + timedelta(days=15), now + timedelta(days=29)),
    ]
    for code in languages:
        title, description, specs = LIVE_FORUM[code]
        forum = _create(
            portal[code],
            "Forum",
            id=LIVE_FORUM["id"],
            title=title,
            description=description,
            opens=windows[0][0],
            closes=windows[-1][1],
        )
        forums[code] = forum
        for n, ((gtitle, question), (opens, closes)) in enumerate(
            zip(specs, windows, strict=True), start=1
        ):
            group = _create(
                forum,
                "DiscussionGroup",
                id=f"group-{n}",
                title=gtitle,
                guiding_questions=[question],
                opens=opens,
                closes=closes,
            )
            groups.setdefault(n, {})[code] = group
    link_translations(forums)
    for versions in groups.values():
        link_translations(versions)
        _transition_to(first(versions), ["schedule"])
    for forum in forums.values():
        _transition_to(forum, ["publish"])
    _transition_to(first(groups[1]), ["open"])
    return forums


def _add_comment(group, author, text, question, language):
    comment = createObject("plone.Comment")
    comment.text = text
    comment.mime_type = "text/plain"
    comment.author_name = author
    comment.guiding_question = question
    comment.language = language
    comment.creation_date = comment.modification_date = conversation_holder(
        group
    ).opens + timedelta(days=1)
    IConversation(group).addComment(comment)
