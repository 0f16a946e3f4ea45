/**
 * The API model: what every operation of a spec means as an MCP tool.
 *
 * Plain JSON-serialisable data, every default resolved, no `$ref` left except
 * internal `#/$defs/...` references inside a tool schema (used to keep recursive
 * schemas finite). `build-model/` is the only producer; `runtime/` and `generate/`
 * only read it. A generated project embeds it as data, so nothing here may be a
 * class, a function or a Map.
 */

/** HTTP methods OpenAPI allows on a path item, lower case as in the spec. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** A JSON Schema 2020-12 document or sub-schema. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

export interface ApiModel {
  info: InfoModel;
  /** The spec's top-level servers, in spec order (the first one is the default upstream). */
  servers: ServerModel[];
  /** Security schemes by their key in `components.securitySchemes`, in spec order. */
  securitySchemes: Record<string, SecuritySchemeModel>;
  /** One entry per operation that became a tool, in spec order (paths, then methods). */
  operations: OperationModel[];
}

export interface InfoModel {
  title: string;
  version: string;
  description?: string;
}

/** @see https://spec.openapis.org/oas/v3.1.0#server-object */
export interface ServerModel {
  /** URL template as written, e.g. `https://{region}.example.com/v1`; may be relative (`/api`). */
  url: string;
  description?: string;
  /** Server variables; `default` always present. */
  variables: Record<string, ServerVariableModel>;
}

export interface ServerVariableModel {
  default: string;
  enum?: string[];
  description?: string;
}

/**
 * A security scheme reduced to what the runtime needs to attach credentials.
 * `key` is the scheme's name in `components.securitySchemes`; environment variable
 * names derive from it (see runtime/to-env-name.ts).
 */
export type SecuritySchemeModel =
  | { key: string; kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string }
  | { key: string; kind: 'httpBearer'; description?: string }
  | { key: string; kind: 'httpBasic'; description?: string }
  /** oauth2: a static token (`<PREFIX>_<KEY>`) or, when `tokenUrl` is known, client credentials. */
  | { key: string; kind: 'oauth2'; tokenUrl?: string; scopes: string[]; description?: string }
  /** openIdConnect: a static token only. */
  | { key: string; kind: 'openIdConnect'; description?: string }
  /** A scheme we cannot serve (mutualTLS, http digest, ...); `reason` says why. */
  | { key: string; kind: 'unsupported'; reason: string; description?: string };

/** One scheme named by a security requirement, with the scopes it asks for. */
export interface SecurityRefModel {
  scheme: string;
  scopes: string[];
}

/**
 * A security requirement: the schemes that must ALL be satisfied together.
 * An empty array means "anonymous is allowed".
 */
export type SecurityRequirementModel = SecurityRefModel[];

/** Where a tool argument goes in the HTTP request. */
export type ArgumentLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'body-property';

/** OpenAPI parameter serialisation styles. @see https://spec.openapis.org/oas/v3.1.0#style-values */
export type ParameterStyle =
  | 'simple'
  | 'label'
  | 'matrix'
  | 'form'
  | 'spaceDelimited'
  | 'pipeDelimited'
  | 'deepObject';

/**
 * One tool argument and where it goes. Both back ends read this map, so an
 * argument renamed to avoid a clash (`query_id` vs `path_id`) is sent correctly.
 */
export interface ArgumentModel {
  /** Property name in the tool's inputSchema. */
  name: string;
  in: ArgumentLocation;
  /**
   * Name on the wire: the parameter name, or the body property name for
   * `body-property`. Empty for `body` (the whole request body).
   */
  wireName: string;
  required: boolean;
  /** Resolved style (parameters only; defaults filled per location). */
  style?: ParameterStyle;
  /** Resolved explode (parameters only). */
  explode?: boolean;
  /** Query only: reserved characters are sent unencoded. */
  allowReserved?: boolean;
  /**
   * Parameters declared with `content` instead of `schema`: the value is
   * serialised with this media type (JSON) instead of a style.
   */
  contentType?: string;
  /**
   * The tool receives this value as a base64 string and the runtime sends the
   * decoded bytes (binary body, binary multipart part).
   */
  encoding?: 'base64';
}

export interface RequestBodyModel {
  /** The media type the runtime sends (chosen from the spec's content map). */
  mediaType: string;
  required: boolean;
  /**
   * Per-property content types for multipart/form-data parts, from the
   * OpenAPI `encoding` object.
   */
  partContentTypes?: Record<string, string>;
}

/** @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-annotations */
export interface ToolAnnotationsModel {
  title?: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface OperationModel {
  /** Stable id: the operationId when present, else `METHOD /path`. */
  id: string;
  /** Unique MCP tool name matching /^[A-Za-z0-9_-]{1,64}$/. */
  toolName: string;
  /** Human title (the operation's summary), if any. */
  title?: string;
  /** Tool description for the model (summary/description, never empty). */
  description: string;
  method: HttpMethod;
  /** Path template as in the spec, e.g. `/pets/{petId}`. */
  pathTemplate: string;
  /** Path- or operation-level servers overriding the top-level ones, if any. */
  servers?: ServerModel[];
  tags: string[];
  deprecated: boolean;
  /** The argument map, in inputSchema property order. */
  arguments: ArgumentModel[];
  requestBody?: RequestBodyModel;
  /**
   * JSON Schema 2020-12, root `type: "object"`, as `tools/list` publishes it:
   * client-safe (no `anyOf`/`oneOf`/`allOf`/`not`/`if`/`then`/`else` at the
   * root, argument names `^[a-zA-Z0-9_.-]{1,64}$`, object property schemas).
   */
  inputSchema: JsonSchema;
  /**
   * The full schema calls are validated against, when it says more than
   * `inputSchema` (a flattened body's cross-property rules at the root, which
   * the description names). Absent means: validate against `inputSchema`.
   */
  validationSchema?: JsonSchema;
  /** JSON Schema 2020-12 of the 2xx JSON response, root `type: "object"`. */
  outputSchema?: JsonSchema;
  /**
   * True when the response root is not an object: the outputSchema wraps it as
   * `{ result: <schema> }` and the runtime wraps the response body the same way.
   */
  outputWrapped: boolean;
  annotations: ToolAnnotationsModel;
  /** Alternatives (any one suffices); an empty list means no credentials needed. */
  security: SecurityRequirementModel[];
  /** JSON pointer of the operation in the (converted) spec, for messages. */
  source: string;
}
