"""Focus (pomodoro): statistics, timeline, timers, record writes and `focusOp`
(census, issue 10).

No seed captures these: the bodies follow the endpoint census, or the smallest
shape the schema allows where it says "shape inferred". They carry the web
app's headers; `focusOp` goes to the focus host ms.ticktick.com, so a capture
shows a per-operation server.
"""

from __future__ import annotations

from tickspec.contract import builder

from .common import PROJECT, TASK, Captures, ok, web

RECORD = "696b90862c6f3277d1cc4600"
T0 = "2026-01-17T13:00:00.000+0000"
T1 = "2026-01-17T13:25:00.000+0000"
RECORD_BODY = {
    "id": RECORD,
    "startTime": T0,
    "endTime": T1,
    "status": 1,
    "pauseDuration": 0,
    "tasks": [
        {
            "taskId": TASK,
            "title": "Buy milk",
            "projectName": "Groceries",
            "startTime": T0,
            "endTime": T1,
        }
    ],
    "note": "",
    "etag": "wxbn3q91",
}


def scenarios() -> Captures:
    days = "20260111/20260117"
    op = {
        "id": "696b90862c6f3277d1cc4800",
        "oId": RECORD,
        "oType": 0,
        "op": "start",
        "duration": 25,
        "firstFocusId": RECORD,
        "focusOnId": TASK,
        "autoPomoLeft": 0,
        "pomoCount": 1,
        "manual": True,
        "note": "",
        "time": T0,
    }
    ms = builder.request_headers(body=True, traceid="696b8abc000000002c6f3277")
    ms[0] = ("Host", "ms.ticktick.com")
    return {
        "getFocusHeatmap": [
            web(
                "GET",
                f"/api/v2/pomodoros/statistics/heatmap/{days}",
                [{"day": "20260117", "duration": 25, "timezone": "Europe/Istanbul"}],
            )
        ],
        "getFocusDistribution": [
            web(
                "GET",
                f"/api/v2/pomodoros/statistics/dist/{days}",
                {
                    "projectDurations": {PROJECT: 25},
                    "tagDurations": {},
                    "taskDurations": {TASK: 25},
                },
            )
        ],
        "getFocusClockDistribution": [
            web("GET", f"/api/v2/pomodoros/statistics/dist/clock/{days}", {"13": 25})
        ],
        "getFocusClockByDay": [
            web("GET", f"/api/v2/pomodoros/statistics/dist/clockByDay/{days}", {"20260117": 25})
        ],
        "getFocusGeneralStatistics": [
            web(
                "GET",
                "/api/v2/pomodoros/statistics/generalForDesktop",
                {
                    "todayPomoCount": 1,
                    "todayPomoDuration": 25,
                    "totalPomoCount": 412,
                    "totalPomoDuration": 10300,
                },
            )
        ],
        "getFocusTimeline": [
            web("GET", "/api/v2/pomodoros/timeline", [RECORD_BODY], query=[("to", "1768656000000")])
        ],
        "getFocusTimers": [
            web(
                "GET",
                "/api/v2/timer",
                [
                    {
                        "id": "696b90862c6f3277d1cc4700",
                        "name": "Reading",
                        "type": "pomodoro",
                        "status": 0,
                        "sortOrder": 0,
                        "pomodoroTime": 25,
                        "etag": "wxbn3q91",
                    }
                ],
            )
        ],
        "batchFocusRecords": [
            web(
                "POST",
                "/api/v2/batch/pomodoro",
                ok(**{RECORD: "wxbn3q91"}),
                {
                    "add": [{k: v for k, v in RECORD_BODY.items() if k != "etag"}],
                    "update": [],
                    "delete": [],
                },
            )
        ],
        "deleteFocusRecord": [web("DELETE", f"/api/v2/pomodoro/{RECORD}")],
        "focusOp": [
            {
                "method": "POST",
                "url": "https://ms.ticktick.com/focus/batch/focusOp",
                "request_body": {"lastPoint": 0, "opList": [op]},
                "response_body": {
                    "point": 1768655428000,
                    "current": {
                        "id": RECORD,
                        "startTime": T0,
                        "status": 0,
                        "duration": 25,
                        "focusOnId": TASK,
                        "note": "",
                    },
                    "updates": [],
                },
                "headers": ms,
            }
        ],
    }
