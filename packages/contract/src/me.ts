import { z } from 'zod'

/** The roles an API key can have; `ingest` is for systems that feed cases and events in and read nothing back. */
export const roles = ['admin', 'editor', 'ingest', 'viewer'] as const
export type Role = (typeof roles)[number]

/** Who the request's key speaks for, and what it may do: the editor shows only what the role allows. */
export const meSchema = z
  .object({
    name: z.string().meta({ description: 'The key’s name, as `dunwell keys create --name` gave it' }),
    role: z.enum(roles),
    permissions: z.array(z.string()).meta({ description: 'Every permission the role has, e.g. `journeys:publish`' }),
    openMode: z.boolean().meta({ description: 'True in development mode, where a request from this machine needs no key' }),
  })
  .meta({ id: 'Me' })
export type Me = z.infer<typeof meSchema>
