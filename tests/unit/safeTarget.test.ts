import { isPublicAddress, UnsafeTargetError, vetTarget } from '../../src/webhooks/safeTarget'

describe('isPublicAddress', () => {
  test.each([
    // Plain IPv4 special ranges
    ['127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    // Plain IPv6 special ranges
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd00::1', 'unique local'],
    ['fec0::1', 'site-local (deprecated)'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    // IPv4-compatible (::a.b.c.d): the probe's http://[::127.0.0.1]/
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::127.0.0.1', 'IPv4-compatible loopback, dotted'],
    ['::a9fe:a9fe', 'IPv4-compatible 169.254.169.254'],
    ['::a00:1', 'IPv4-compatible 10.0.0.1'],
    // IPv4-mapped and -translated
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated loopback'],
    // NAT64 well-known prefix
    ['64:ff9b::127.0.0.1', 'NAT64 loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 metadata'],
    ['64:ff9b::c0a8:101', 'NAT64 192.168.1.1'],
    // 6to4
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:a9fe:a9fe::', '6to4 of metadata'],
    ['2002:a00:1::1', '6to4 of 10.0.0.1'],
    // Teredo: the client is stored XOR 0xffffffff
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo client 127.0.0.1'],
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 'Teredo server 10.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'Teredo client 169.254.169.254'],
    // Not addresses at all
    ['localhost', 'a name'],
    ['', 'empty'],
  ])('%s is refused (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  test.each([
    ['93.184.216.34', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['2606:2800:220:1:248:1893:25c8:1946', 'public IPv6'],
    ['2a00:1450:4001:82a::200e', 'public IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
    ['64:ff9b::808:808', 'NAT64 of 8.8.8.8'],
    ['2002:808:808::1', '6to4 of 8.8.8.8'],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'Teredo, public server and client 8.8.8.8'],
  ])('%s is public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(true)
  })
})

describe('vetTarget', () => {
  test.each([
    'http://[::127.0.0.1]/',
    'http://[::7f00:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[2002:7f00:1::]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0/',
  ])('refuses %s', async (url) => {
    await expect(vetTarget(url, [])).rejects.toThrow(UnsafeTargetError)
    await expect(vetTarget(url, [])).rejects.toThrow(/internal address.*WEBHOOK_ALLOWED_HOSTS/)
  })

  test('names the caller and its setting in the message', async () => {
    await expect(vetTarget('http://127.0.0.1/a.png', [], { what: 'Image addresses', setting: 'IMPORT_ALLOWED_HOSTS' })).rejects.toThrow(
      /127\.0\.0\.1.*internal address\. Image addresses may only reach public addresses .*IMPORT_ALLOWED_HOSTS/,
    )
  })

  test('an allow-listed host passes, with its addresses for pinning', async () => {
    await expect(vetTarget('http://127.0.0.1:9/hook', ['127.0.0.1'])).resolves.toMatchObject({ addresses: [{ address: '127.0.0.1', family: 4 }] })
    await expect(vetTarget('http://[::1]:9/hook', ['127.0.0.1'])).rejects.toThrow(UnsafeTargetError)
  })
})
