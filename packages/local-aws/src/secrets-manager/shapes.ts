/**
 * A small subset of Smithy shapes: enough of the Secrets Manager model to check requests the way
 * the service does before any business logic runs, and to derive the handlers' input types from
 * the same declarations.
 */
/** A string member; `pattern` is matched against the whole value. */
export interface StringShape {
  readonly kind: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** Sensitive members never appear in error messages. */
  readonly sensitive?: boolean;
}
/** An integer member (Smithy integer or long; both are safe integers in JSON here). */
export interface NumberShape {
  readonly kind: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}
/** A boolean member. */
export interface BooleanShape {
  readonly kind: 'boolean';
}
/** Base64 text on the wire; length constraints count decoded bytes. */
export interface BlobShape {
  readonly kind: 'blob';
  readonly min?: number;
  readonly max?: number;
  readonly sensitive?: boolean;
}
/** A list; members are checked one by one under `path.N.member`. */
export interface ListShape<M extends Shape = Shape> {
  readonly kind: 'list';
  readonly member: M;
  readonly min?: number;
  readonly max?: number;
}
/** A structure; members the shape does not name are ignored, as the service ignores them. */
export interface StructureShape<Ms extends Record<string, Shape> = Record<string, Shape>, R extends string = string> {
  readonly kind: 'structure';
  readonly members: Ms;
  readonly required: readonly R[];
}
/** Any shape. */
export type Shape = StringShape | NumberShape | BooleanShape | BlobShape | ListShape | StructureShape;

type Flatten<T> = { [K in keyof T]: T[K] };

/** The TypeScript type of a value that passed validation against shape `S`. */
export type Infer<S> = S extends StringShape | BlobShape
  ? string
  : S extends NumberShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends ListShape<infer M>
        ? Infer<M>[]
        : S extends StructureShape<infer Ms, infer R>
          ? Flatten<
              { [K in keyof Ms as K extends R ? K : never]: Infer<Ms[K]> } & {
                [K in keyof Ms as K extends R ? never : K]?: Infer<Ms[K]>;
              }
            >
          : never;

type Constraints<S> = Omit<S, 'kind'>;

/* Shape constructors, named after the Smithy types they stand for. */
export const str = (constraints: Constraints<StringShape> = {}): StringShape => ({ kind: 'string', ...constraints });
export const int = (constraints: Constraints<NumberShape> = {}): NumberShape => ({ kind: 'integer', ...constraints });
export const long = (constraints: Constraints<NumberShape> = {}): NumberShape => ({ kind: 'long', ...constraints });
export const bool = (): BooleanShape => ({ kind: 'boolean' });
export const blob = (constraints: Constraints<BlobShape> = {}): BlobShape => ({ kind: 'blob', ...constraints });
export const list = <M extends Shape>(member: M, constraints: { min?: number; max?: number } = {}): ListShape<M> => ({
  kind: 'list',
  member,
  ...constraints,
});
export const struct = <Ms extends Record<string, Shape>, const R extends keyof Ms & string = never>(
  members: Ms,
  required: readonly R[] = [],
): StructureShape<Ms, R> => ({ kind: 'structure', members, required });
