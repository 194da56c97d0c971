package org.pacscluster.embed;
public class LbpCheck {
  public static void main(String[] a) throws Exception {
    int S=256; java.util.Random rnd=new java.util.Random(3);
    for (LbpConfig.Variant v : LbpConfig.Variant.values()) {
      Lbp lbp=new Lbp(new LbpConfig(8,1,16,v)); int[] c1=new int[S*S], c2=new int[S*S]; long diff=0;
      for (int t=0;t<40;t++){
        double[] img=new double[S*S];
        int mode=t%4;
        for(int i=0;i<img.length;i++) img[i]= mode==0? rnd.nextInt(256) : mode==1? rnd.nextInt(4) : mode==2 ? rnd.nextDouble() : (i/S+i%S)%7;
        lbp.codes(img,S,S,c1); FastLbpProto.codes(img,S,S,c2,v==LbpConfig.Variant.UNIFORM);
        for(int i=0;i<c1.length;i++) if(c1[i]!=c2[i]) diff++;
      }
      double[] img=new double[S*S]; for(int i=0;i<img.length;i++) img[i]=rnd.nextInt(256);
      for(int w=0;w<200;w++){ lbp.codes(img,S,S,c1); FastLbpProto.codes(img,S,S,c2,v==LbpConfig.Variant.UNIFORM);}
      long t0=System.nanoTime(); for(int w=0;w<200;w++) lbp.codes(img,S,S,c1); long t1=System.nanoTime();
      for(int w=0;w<200;w++) FastLbpProto.codes(img,S,S,c2,v==LbpConfig.Variant.UNIFORM); long t2=System.nanoTime();
      System.out.printf("%s: mismatches %d; Lbp.codes %.3f ms, prototype %.3f ms per 256² image%n", v, diff, (t1-t0)/2e8, (t2-t1)/2e8);
    }
  }
}
