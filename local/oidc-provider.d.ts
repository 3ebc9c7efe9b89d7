/**
 * The part of `oidc-provider` the local OpenID Provider uses, typed here because the package ships no
 * types (the DefinitelyTyped package is not a dependency); kept to what local/openid-provider.ts calls.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The Koa context oidc-provider hands to configuration callbacks; unused beyond passing it on. */
  export type KoaContextWithOIDC = unknown;

  interface Client {
    clientId: string;
    redirectUris?: string[];
  }

  interface InteractionDetails {
    uid: string;
    prompt: { name: string };
    params: Record<string, unknown>;
  }

  interface TokenInit {
    client: Client;
    resourceServer: object;
    scope?: string;
    expiresIn?: number;
    accountId?: string;
    gty?: string;
  }

  class Provider {
    constructor(issuer: string, configuration: object);
    readonly issuer: string;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: object,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Client: { find(id: string): Promise<Client | undefined> };
    Grant: new (init: {
      accountId: string;
      clientId: string;
    }) => {
      addOIDCScope(scope: string): void;
      addResourceScope(resource: string, scope: string): void;
      save(): Promise<string>;
    };
    ResourceServer: new (
      identifier: string,
      info: object,
    ) => object;
    AccessToken: new (
      init: TokenInit,
    ) => { save(): Promise<string> };
    ClientCredentials: new (
      init: TokenInit,
    ) => { save(): Promise<string> };
    static errors: { InvalidTarget: new (description?: string) => Error };
  }
  export default Provider;
}
