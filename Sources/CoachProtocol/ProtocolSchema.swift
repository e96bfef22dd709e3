/// The JSON Schema (2020-12) of every protocol message, printed by `coach serve --schema`. Kept in step with the
/// server by SchemaTests and Tests/clients/validate_schema.py (which checks every transcript message against it).
public enum ProtocolSchema {
    /// The schema as JSON text.
    public static let text = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://coach.dev/schemas/coach-protocol-1.json",
          "title": "Coach protocol 1: JSON-RPC 2.0 over JSON lines (coach serve)",
          "description": "A client sends clientMessage; the server writes serverMessage. A result is $defs/result.<method, / as .>.",
          "anyOf": [
            {
              "$ref": "#/$defs/clientMessage"
            },
            {
              "$ref": "#/$defs/serverMessage"
            }
          ],
          "$defs": {
            "id": {
              "description": "A request id: echoed in the reply.",
              "type": [
                "string",
                "number"
              ]
            },
            "answerValue": {
              "description": "An answer: text; a number (its text); a boolean (yes/no); an array of strings (list and multichoice steps).",
              "oneOf": [
                {
                  "type": "string"
                },
                {
                  "type": "number"
                },
                {
                  "type": "boolean"
                },
                {
                  "type": "array",
                  "items": {
                    "type": [
                      "string",
                      "number"
                    ]
                  }
                }
              ]
            },
            "choice": {
              "type": "object",
              "properties": {
                "value": {
                  "type": "string"
                },
                "label": {
                  "type": "string"
                }
              },
              "required": [
                "value",
                "label"
              ]
            },
            "prompt": {
              "type": "object",
              "properties": {
                "step": {
                  "type": "string",
                  "description": "Stable id: a step id, group[2].field in a repeated group, or group[2].more."
                },
                "kind": {
                  "enum": [
                    "text",
                    "multiline",
                    "choice",
                    "multichoice",
                    "yesno",
                    "number",
                    "money",
                    "percent",
                    "date",
                    "time",
                    "email",
                    "list",
                    "info"
                  ]
                },
                "text": {
                  "type": "string"
                },
                "help": {
                  "type": "string"
                },
                "why": {
                  "type": "string"
                },
                "default": {
                  "type": "string",
                  "description": "What an empty answer gives."
                },
                "defaultNote": {
                  "type": "string"
                },
                "choices": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/choice"
                  }
                },
                "required": {
                  "type": "boolean"
                },
                "examples": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "tips": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "group": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string"
                    },
                    "item": {
                      "type": "integer",
                      "minimum": 1
                    },
                    "itemName": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "id",
                    "item",
                    "itemName"
                  ]
                },
                "revisiting": {
                  "type": "boolean"
                }
              },
              "required": [
                "step",
                "kind",
                "text",
                "required",
                "examples",
                "tips",
                "revisiting"
              ],
              "description": "The question to answer next."
            },
            "progress": {
              "type": "object",
              "properties": {
                "answered": {
                  "type": "integer",
                  "minimum": 0
                },
                "total": {
                  "type": "integer",
                  "minimum": 0
                },
                "position": {
                  "type": "integer",
                  "minimum": 1
                }
              },
              "required": [
                "answered",
                "total"
              ]
            },
            "invalid": {
              "type": "object",
              "properties": {
                "message": {
                  "type": "string"
                },
                "attempt": {
                  "type": "integer",
                  "minimum": 1
                },
                "example": {
                  "type": "string"
                }
              },
              "required": [
                "message",
                "attempt"
              ],
              "description": "Why the last answer was refused; the same prompt is asked again."
            },
            "output": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "kind": {
                  "enum": [
                    "email",
                    "plan",
                    "checklist",
                    "note"
                  ]
                },
                "subject": {
                  "type": "string"
                },
                "to": {
                  "type": "string"
                },
                "body": {
                  "type": "string"
                },
                "missing": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              },
              "required": [
                "id",
                "title",
                "kind",
                "body",
                "missing"
              ],
              "description": "A draft written from the answers."
            },
            "handoff": {
              "type": "object",
              "properties": {
                "playbook": {
                  "type": "string"
                },
                "label": {
                  "type": "string"
                },
                "prefill": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "string"
                  }
                }
              },
              "required": [
                "playbook",
                "label",
                "prefill"
              ],
              "description": "An offer to start another playbook with answers carried over."
            },
            "turn": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string"
                },
                "status": {
                  "enum": [
                    "asking",
                    "completed",
                    "cancelled"
                  ]
                },
                "prompt": {
                  "$ref": "#/$defs/prompt"
                },
                "invalid": {
                  "$ref": "#/$defs/invalid"
                },
                "progress": {
                  "$ref": "#/$defs/progress"
                },
                "outputs": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/output"
                  }
                },
                "handoffs": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/handoff"
                  }
                },
                "notices": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "notice": {
                  "type": "string"
                },
                "accepted": {
                  "type": "object",
                  "description": "The answer just accepted as Coach understood it, when that reads differently from what was typed.",
                  "properties": {
                    "step": {
                      "type": "string"
                    },
                    "display": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "step",
                    "display"
                  ]
                }
              },
              "required": [
                "session",
                "status",
                "progress"
              ],
              "description": "What every session call returns: the next prompt, or the finished outputs.",
              "allOf": [
                {
                  "if": {
                    "properties": {
                      "status": {
                        "const": "asking"
                      }
                    }
                  },
                  "then": {
                    "required": [
                      "prompt"
                    ]
                  }
                },
                {
                  "if": {
                    "properties": {
                      "status": {
                        "const": "completed"
                      }
                    }
                  },
                  "then": {
                    "required": [
                      "outputs"
                    ]
                  }
                }
              ]
            },
            "sessionState": {
              "allOf": [
                {
                  "$ref": "#/$defs/turn"
                },
                {
                  "type": "object",
                  "properties": {
                    "playbook": {
                      "type": "string"
                    },
                    "title": {
                      "type": "string"
                    },
                    "answers": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "properties": {
                          "step": {
                            "type": "string"
                          },
                          "question": {
                            "type": "string"
                          },
                          "answer": {
                            "type": "string"
                          }
                        },
                        "required": [
                          "step",
                          "question",
                          "answer"
                        ]
                      }
                    }
                  },
                  "required": [
                    "playbook",
                    "answers"
                  ]
                }
              ],
              "description": "A turn plus the playbook id and the answers so far, in route order."
            },
            "playbookSummary": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "summary": {
                  "type": "string"
                },
                "useWhen": {
                  "type": "string"
                },
                "version": {
                  "type": "integer"
                },
                "tags": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "minutes": {
                  "type": "integer"
                },
                "questions": {
                  "type": "integer",
                  "minimum": 0
                },
                "origin": {
                  "type": "string"
                }
              },
              "required": [
                "id",
                "title",
                "summary",
                "version",
                "tags",
                "questions",
                "origin"
              ]
            },
            "step": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "kind": {
                  "enum": [
                    "text",
                    "multiline",
                    "choice",
                    "multichoice",
                    "yesno",
                    "number",
                    "money",
                    "percent",
                    "date",
                    "time",
                    "email",
                    "list",
                    "info",
                    "group"
                  ]
                },
                "ask": {
                  "type": "string"
                },
                "text": {
                  "type": "string"
                },
                "help": {
                  "type": "string"
                },
                "why": {
                  "type": "string"
                },
                "required": {
                  "type": "boolean"
                },
                "default": {
                  "type": "string"
                },
                "choices": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/choice"
                  }
                },
                "examples": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "tips": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "conditional": {
                  "type": "boolean",
                  "description": "Asked only when a condition holds."
                },
                "item": {
                  "type": "string"
                },
                "minItems": {
                  "type": "integer",
                  "minimum": 0
                },
                "maxItems": {
                  "type": "integer",
                  "minimum": 0
                },
                "steps": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/step"
                  }
                }
              },
              "required": [
                "id",
                "kind",
                "required",
                "examples",
                "tips",
                "conditional"
              ]
            },
            "playbookDetail": {
              "allOf": [
                {
                  "$ref": "#/$defs/playbookSummary"
                },
                {
                  "type": "object",
                  "properties": {
                    "steps": {
                      "type": "array",
                      "items": {
                        "$ref": "#/$defs/step"
                      }
                    },
                    "outputs": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "properties": {
                          "id": {
                            "type": "string"
                          },
                          "title": {
                            "type": "string"
                          },
                          "kind": {
                            "type": "string"
                          }
                        },
                        "required": [
                          "id",
                          "title",
                          "kind"
                        ]
                      }
                    }
                  },
                  "required": [
                    "steps",
                    "outputs"
                  ]
                }
              ]
            },
            "sessionListing": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string"
                },
                "playbook": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "account": {
                  "type": "string"
                },
                "status": {
                  "enum": [
                    "asking",
                    "completed",
                    "cancelled"
                  ]
                },
                "step": {
                  "type": "string"
                },
                "progress": {
                  "$ref": "#/$defs/progress"
                },
                "createdAt": {
                  "type": "string",
                  "format": "date-time"
                },
                "updatedAt": {
                  "type": "string",
                  "format": "date-time"
                }
              },
              "required": [
                "session",
                "playbook",
                "title",
                "status",
                "progress",
                "createdAt",
                "updatedAt"
              ]
            },
            "params.initialize": {
              "type": "object",
              "properties": {
                "protocolVersion": {
                  "type": "integer",
                  "minimum": 1
                },
                "clientInfo": {
                  "type": "object",
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "version": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "name"
                  ]
                }
              },
              "required": [
                "protocolVersion",
                "clientInfo"
              ]
            },
            "result.initialize": {
              "type": "object",
              "properties": {
                "protocolVersion": {
                  "const": 1
                },
                "serverInfo": {
                  "type": "object",
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "version": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "name",
                    "version"
                  ]
                },
                "capabilities": {
                  "type": "object",
                  "properties": {
                    "methods": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "batch": {
                      "type": "boolean"
                    },
                    "draftReview": {
                      "type": "boolean"
                    },
                    "maxLineBytes": {
                      "type": "integer"
                    },
                    "persistence": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "methods",
                    "batch",
                    "draftReview",
                    "maxLineBytes",
                    "persistence"
                  ]
                }
              },
              "required": [
                "protocolVersion",
                "serverInfo",
                "capabilities"
              ]
            },
            "request.initialize": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "initialize"
                },
                "params": {
                  "$ref": "#/$defs/params.initialize"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.ping": {
              "type": "object",
              "properties": {}
            },
            "result.ping": {
              "type": "object",
              "properties": {}
            },
            "request.ping": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "ping"
                },
                "params": {
                  "$ref": "#/$defs/params.ping"
                }
              },
              "required": [
                "jsonrpc",
                "method"
              ],
              "additionalProperties": false
            },
            "params.shutdown": {
              "type": "object",
              "properties": {}
            },
            "result.shutdown": {
              "type": "object",
              "properties": {}
            },
            "request.shutdown": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "shutdown"
                },
                "params": {
                  "$ref": "#/$defs/params.shutdown"
                }
              },
              "required": [
                "jsonrpc",
                "method"
              ],
              "additionalProperties": false
            },
            "params.playbooks.list": {
              "type": "object",
              "properties": {}
            },
            "result.playbooks.list": {
              "type": "object",
              "properties": {
                "playbooks": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/playbookSummary"
                  }
                }
              },
              "required": [
                "playbooks"
              ]
            },
            "request.playbooks.list": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "playbooks/list"
                },
                "params": {
                  "$ref": "#/$defs/params.playbooks.list"
                }
              },
              "required": [
                "jsonrpc",
                "method"
              ],
              "additionalProperties": false
            },
            "params.playbooks.get": {
              "type": "object",
              "properties": {
                "playbook": {
                  "type": "string"
                }
              },
              "required": [
                "playbook"
              ]
            },
            "result.playbooks.get": {
              "type": "object",
              "properties": {
                "playbook": {
                  "$ref": "#/$defs/playbookDetail"
                }
              },
              "required": [
                "playbook"
              ]
            },
            "request.playbooks.get": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "playbooks/get"
                },
                "params": {
                  "$ref": "#/$defs/params.playbooks.get"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.start": {
              "type": "object",
              "properties": {
                "playbook": {
                  "type": "string"
                },
                "prefill": {
                  "type": "object",
                  "description": "Step id to a default answer offered for it.",
                  "additionalProperties": {
                    "$ref": "#/$defs/answerValue"
                  }
                },
                "account": {
                  "type": "string",
                  "description": "The account the session is about (shown in session/list)."
                }
              },
              "required": [
                "playbook"
              ]
            },
            "result.session.start": {
              "$ref": "#/$defs/turn"
            },
            "request.session.start": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/start"
                },
                "params": {
                  "$ref": "#/$defs/params.session.start"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.answer": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                },
                "step": {
                  "type": "string",
                  "description": "A step id, as in prompt.step."
                },
                "value": {
                  "$ref": "#/$defs/answerValue"
                }
              },
              "required": [
                "session",
                "step",
                "value"
              ]
            },
            "result.session.answer": {
              "$ref": "#/$defs/turn"
            },
            "request.session.answer": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/answer"
                },
                "params": {
                  "$ref": "#/$defs/params.session.answer"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.skip": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                },
                "step": {
                  "type": "string",
                  "description": "A step id, as in prompt.step."
                }
              },
              "required": [
                "session",
                "step"
              ]
            },
            "result.session.skip": {
              "$ref": "#/$defs/turn"
            },
            "request.session.skip": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/skip"
                },
                "params": {
                  "$ref": "#/$defs/params.session.skip"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.back": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.back": {
              "$ref": "#/$defs/turn"
            },
            "request.session.back": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/back"
                },
                "params": {
                  "$ref": "#/$defs/params.session.back"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.goto": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                },
                "step": {
                  "type": "string",
                  "description": "A step id, as in prompt.step."
                }
              },
              "required": [
                "session",
                "step"
              ]
            },
            "result.session.goto": {
              "$ref": "#/$defs/turn"
            },
            "request.session.goto": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/goto"
                },
                "params": {
                  "$ref": "#/$defs/params.session.goto"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.restart": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.restart": {
              "$ref": "#/$defs/turn"
            },
            "request.session.restart": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/restart"
                },
                "params": {
                  "$ref": "#/$defs/params.session.restart"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.cancel": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.cancel": {
              "$ref": "#/$defs/turn"
            },
            "request.session.cancel": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/cancel"
                },
                "params": {
                  "$ref": "#/$defs/params.session.cancel"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.state": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.state": {
              "$ref": "#/$defs/sessionState"
            },
            "request.session.state": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/state"
                },
                "params": {
                  "$ref": "#/$defs/params.session.state"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.preview": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.preview": {
              "$ref": "#/$defs/turn"
            },
            "request.session.preview": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/preview"
                },
                "params": {
                  "$ref": "#/$defs/params.session.preview"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.resume": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string",
                  "description": "A session id from session/start."
                }
              },
              "required": [
                "session"
              ]
            },
            "result.session.resume": {
              "$ref": "#/$defs/sessionState"
            },
            "request.session.resume": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/resume"
                },
                "params": {
                  "$ref": "#/$defs/params.session.resume"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.session.list": {
              "type": "object",
              "properties": {}
            },
            "result.session.list": {
              "type": "object",
              "properties": {
                "sessions": {
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/sessionListing"
                  }
                }
              },
              "required": [
                "sessions"
              ]
            },
            "request.session.list": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/list"
                },
                "params": {
                  "$ref": "#/$defs/params.session.list"
                }
              },
              "required": [
                "jsonrpc",
                "method"
              ],
              "additionalProperties": false
            },
            "params.session.export": {
              "type": "object",
              "properties": {
                "session": {
                  "type": "string"
                },
                "format": {
                  "enum": [
                    "markdown",
                    "text",
                    "jsonl",
                    "transcript",
                    "eml",
                    "ics"
                  ]
                }
              },
              "required": [
                "session",
                "format"
              ]
            },
            "result.session.export": {
              "type": "object",
              "properties": {
                "files": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "name": {
                        "type": "string"
                      },
                      "contents": {
                        "type": "string"
                      }
                    },
                    "required": [
                      "name",
                      "contents"
                    ]
                  }
                }
              },
              "required": [
                "files"
              ]
            },
            "request.session.export": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "session/export"
                },
                "params": {
                  "$ref": "#/$defs/params.session.export"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "params.draft.review": {
              "type": "object",
              "properties": {
                "text": {
                  "type": "string",
                  "description": "The draft; an email starts with a Subject: line."
                }
              },
              "required": [
                "text"
              ]
            },
            "result.draft.review": {
              "type": "object",
              "properties": {
                "findings": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "line": {
                        "type": "integer",
                        "minimum": 0
                      },
                      "severity": {
                        "enum": [
                          "error",
                          "warning",
                          "info"
                        ]
                      },
                      "rule": {
                        "type": "string"
                      },
                      "message": {
                        "type": "string"
                      },
                      "suggestion": {
                        "type": "string"
                      }
                    },
                    "required": [
                      "line",
                      "severity",
                      "rule",
                      "message",
                      "suggestion"
                    ]
                  }
                }
              },
              "required": [
                "findings"
              ]
            },
            "request.draft.review": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "method": {
                  "const": "draft/review"
                },
                "params": {
                  "$ref": "#/$defs/params.draft.review"
                }
              },
              "required": [
                "jsonrpc",
                "method",
                "params"
              ],
              "additionalProperties": false
            },
            "request": {
              "description": "A request (with id) or a notification (without).",
              "oneOf": [
                {
                  "$ref": "#/$defs/request.initialize"
                },
                {
                  "$ref": "#/$defs/request.ping"
                },
                {
                  "$ref": "#/$defs/request.shutdown"
                },
                {
                  "$ref": "#/$defs/request.playbooks.list"
                },
                {
                  "$ref": "#/$defs/request.playbooks.get"
                },
                {
                  "$ref": "#/$defs/request.session.start"
                },
                {
                  "$ref": "#/$defs/request.session.answer"
                },
                {
                  "$ref": "#/$defs/request.session.skip"
                },
                {
                  "$ref": "#/$defs/request.session.back"
                },
                {
                  "$ref": "#/$defs/request.session.goto"
                },
                {
                  "$ref": "#/$defs/request.session.restart"
                },
                {
                  "$ref": "#/$defs/request.session.cancel"
                },
                {
                  "$ref": "#/$defs/request.session.state"
                },
                {
                  "$ref": "#/$defs/request.session.preview"
                },
                {
                  "$ref": "#/$defs/request.session.resume"
                },
                {
                  "$ref": "#/$defs/request.session.list"
                },
                {
                  "$ref": "#/$defs/request.session.export"
                },
                {
                  "$ref": "#/$defs/request.draft.review"
                }
              ]
            },
            "error": {
              "type": "object",
              "properties": {
                "code": {
                  "type": "integer"
                },
                "message": {
                  "type": "string"
                },
                "data": {
                  "type": "object",
                  "properties": {
                    "kind": {
                      "enum": [
                        "parseError",
                        "invalidUTF8",
                        "tooDeep",
                        "invalidRequest",
                        "lineTooLong",
                        "methodNotFound",
                        "invalidParams",
                        "internalError",
                        "notInitialized",
                        "alreadyInitialized",
                        "unknownPlaybook",
                        "unknownSession",
                        "staleStep",
                        "notOptional",
                        "nothingBefore",
                        "unknownStep",
                        "notReached",
                        "closed",
                        "storeFailed"
                      ]
                    },
                    "hint": {
                      "type": "string"
                    },
                    "field": {
                      "type": "string",
                      "description": "The parameter at fault (invalidParams)."
                    },
                    "current": {
                      "type": "string",
                      "description": "The step being asked (refusals)."
                    }
                  },
                  "required": [
                    "kind",
                    "hint"
                  ]
                }
              },
              "required": [
                "code",
                "message",
                "data"
              ],
              "oneOf": [
                {
                  "properties": {
                    "code": {
                      "const": -32700
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "parseError",
                            "invalidUTF8",
                            "tooDeep"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32600
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "invalidRequest",
                            "lineTooLong"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32601
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "methodNotFound"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32602
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "invalidParams"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32603
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "internalError"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32002
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "notInitialized"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": -32003
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "alreadyInitialized"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1001
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "unknownPlaybook"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1002
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "unknownSession"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1003
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "staleStep"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1004
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "notOptional"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1005
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "nothingBefore"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1006
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "unknownStep"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1007
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "notReached"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1008
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "closed"
                          ]
                        }
                      }
                    }
                  }
                },
                {
                  "properties": {
                    "code": {
                      "const": 1009
                    },
                    "data": {
                      "properties": {
                        "kind": {
                          "enum": [
                            "storeFailed"
                          ]
                        }
                      }
                    }
                  }
                }
              ]
            },
            "successResponse": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "$ref": "#/$defs/id"
                },
                "result": {
                  "anyOf": [
                    {
                      "$ref": "#/$defs/result.initialize"
                    },
                    {
                      "$ref": "#/$defs/result.ping"
                    },
                    {
                      "$ref": "#/$defs/result.shutdown"
                    },
                    {
                      "$ref": "#/$defs/result.playbooks.list"
                    },
                    {
                      "$ref": "#/$defs/result.playbooks.get"
                    },
                    {
                      "$ref": "#/$defs/result.session.start"
                    },
                    {
                      "$ref": "#/$defs/result.session.answer"
                    },
                    {
                      "$ref": "#/$defs/result.session.skip"
                    },
                    {
                      "$ref": "#/$defs/result.session.back"
                    },
                    {
                      "$ref": "#/$defs/result.session.goto"
                    },
                    {
                      "$ref": "#/$defs/result.session.restart"
                    },
                    {
                      "$ref": "#/$defs/result.session.cancel"
                    },
                    {
                      "$ref": "#/$defs/result.session.state"
                    },
                    {
                      "$ref": "#/$defs/result.session.preview"
                    },
                    {
                      "$ref": "#/$defs/result.session.resume"
                    },
                    {
                      "$ref": "#/$defs/result.session.list"
                    },
                    {
                      "$ref": "#/$defs/result.session.export"
                    },
                    {
                      "$ref": "#/$defs/result.draft.review"
                    }
                  ]
                }
              },
              "required": [
                "jsonrpc",
                "id",
                "result"
              ],
              "additionalProperties": false
            },
            "errorResponse": {
              "type": "object",
              "properties": {
                "jsonrpc": {
                  "const": "2.0"
                },
                "id": {
                  "oneOf": [
                    {
                      "$ref": "#/$defs/id"
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "error": {
                  "$ref": "#/$defs/error"
                }
              },
              "required": [
                "jsonrpc",
                "id",
                "error"
              ],
              "additionalProperties": false
            },
            "response": {
              "oneOf": [
                {
                  "$ref": "#/$defs/successResponse"
                },
                {
                  "$ref": "#/$defs/errorResponse"
                }
              ]
            },
            "clientMessage": {
              "anyOf": [
                {
                  "$ref": "#/$defs/request"
                },
                {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "$ref": "#/$defs/request"
                  }
                }
              ]
            },
            "serverMessage": {
              "anyOf": [
                {
                  "$ref": "#/$defs/response"
                },
                {
                  "type": "array",
                  "minItems": 1,
                  "items": {
                    "$ref": "#/$defs/response"
                  }
                }
              ]
            }
          }
        }
        """#
}
