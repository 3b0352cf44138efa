// Every float32 activation whose lowering uses a polynomial approximation.
func.func @math(%x: tensor<?x64xf32> {kiln.name = "x"})
    -> (tensor<?x64xf32> {kiln.name = "exp"}, tensor<?x64xf32> {kiln.name = "log"},
        tensor<?x64xf32> {kiln.name = "tanh"}, tensor<?x64xf32> {kiln.name = "sigmoid"},
        tensor<?x64xf32> {kiln.name = "softplus"}, tensor<?x64xf32> {kiln.name = "erf"},
        tensor<?x64xf32> {kiln.name = "elu"}) {
  %0 = kiln.exp %x : tensor<?x64xf32>
  %1 = kiln.log %x : tensor<?x64xf32>
  %2 = kiln.tanh %x : tensor<?x64xf32>
  %3 = kiln.sigmoid %x : tensor<?x64xf32>
  %4 = kiln.softplus %x : tensor<?x64xf32>
  %5 = kiln.erf %x : tensor<?x64xf32>
  %6 = kiln.elu %x : tensor<?x64xf32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>,
        tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
}
